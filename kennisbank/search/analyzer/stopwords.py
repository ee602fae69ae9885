"""Dutch function words that carry no topic. Our own short list: words that a teacher's query
("hoe begeleid ik een kind met …") adds around the content words."""

_WORDS = """
aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
ik in is ja je jij jou jouw jullie kan kon kunnen maar me meer men met mij mijn moet na naar
niet niets nog nu of om omdat ons onze ook op over reeds te tegen toch toen tot u uit uw van
veel voor want waren was wat we wel werd wie wij wil worden wordt zal ze zelf zich zij zijn zo
zonder zou zouden welke waarom wanneer waar hoeveel kun kunt mag moeten mogen the and
"""

STOPWORDS = frozenset(_WORDS.split())

# Words that phrase a question typed into a search box ("wat doet een ib'er", "hoeveel gym
# krijgen kinderen per week") without naming its topic. Dropped from queries only: in a text
# they are ordinary words, and the compound lexicon keeps them.
_QUESTION_WORDS = """
welk waarmee waarvoor waardoor waarover waarin hoelang hoezo doet deed gaat ga gaan ging
krijg krijgt krijgen zullen zult wilt willen hoeft hoeven per elk elke erg heel zeer
"""
QUERY_STOPWORDS = STOPWORDS | frozenset(_QUESTION_WORDS.split())
