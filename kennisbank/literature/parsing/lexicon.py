"""Word lists the parser consults: particles, months, places, publishers, given names.

Kept in code rather than data files so they are versioned with the rules that read them.
The lists are deliberately modest: they feed CRF features (a hint, not a verdict) and the
person-versus-organisation decision of the name splitter.
"""

# Longest first, so "van der" wins over "van" when matching at the end of a given-name part.
PARTICLES = sorted(
    [
        "van", "de", "der", "den", "van de", "van der", "van den", "van het", "van 't",
        "ten", "ter", "te", "'t", "in 't", "in de", "in het", "op de", "op den", "op 't",
        "uit de", "uit den", "von", "von der", "zu", "du", "des", "del", "della", "di", "da",
        "le", "la", "vande", "vanden", "vander", "de la", "van de la",
    ],
    key=lambda p: (-len(p.split()), -len(p)),
)
PARTICLE_WORDS = {w for p in PARTICLES for w in p.split()}

MONTHS = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "mar": 3, "oct": 10,
}

PLACES = {
    "amsterdam", "rotterdam", "utrecht", "den haag", "'s-gravenhage", "leiden", "groningen",
    "nijmegen", "tilburg", "eindhoven", "maastricht", "arnhem", "zwolle", "enschede",
    "amersfoort", "houten", "bussum", "huizen", "assen", "apeldoorn", "deventer", "baarn",
    "meppel", "culemborg", "heerlen", "haarlem", "hilversum", "delft", "wageningen", "breda",
    "den bosch", "'s-hertogenbosch", "antwerpen", "gent", "leuven", "brussel", "kalmthout",
    "mechelen", "tielt", "hasselt", "brugge", "zoetermeer", "alphen aan den rijn", "lisse",
    "amstelveen", "diemen", "soest", "ede", "dordrecht", "almere", "hoorn", "kampen",
    "garant", "london", "new york", "oxford", "cambridge", "thousand oaks", "hillsdale",
    "mahwah", "boston", "chicago", "washington", "washington, dc", "philadelphia",
    "new york, ny", "san francisco", "berlin", "paris", "abingdon", "oxon", "hove",
    "hoboken", "los angeles", "baltimore", "princeton", "malden", "chichester", "heidelberg",
    "dordrecht", "eeserveen", "rijswijk", "nieuwegein", "schiedam", "woerden", "ede",
}

PUBLISHER_WORDS = {
    "uitgeverij", "uitgevers", "publishers", "publishing", "press", "verlag", "boom",
    "bohn", "stafleu", "loghum", "coutinho", "swp", "garant", "acco", "lannoo", "pica",
    "wolters-noordhoff", "noordhoff", "thieme", "meulenhoff", "routledge", "springer",
    "wiley", "sage", "guilford", "elsevier", "pearson", "erlbaum", "nieuwezijds", "bazalt",
    "cps", "aup", "lemniscaat", "prometheus", "kluwer", "academic", "books", "uitgaven",
    "van gorcum", "sdu", "lemma", "pelckmans", "witsand", "ambo", "atlas", "contact",
    "balans", "bert", "bakker", "maklu", "kwintessens", "sardes", "kpc", "aps",
}

ORG_WORDS = {
    "inspectie", "ministerie", "instituut", "institute", "raad", "onderwijsraad", "bureau",
    "stichting", "vereniging", "centrum", "centre", "center", "kenniscentrum", "universiteit",
    "university", "hogeschool", "rijksoverheid", "gemeente", "nji", "slo", "cito", "cbs",
    "kennisnet", "association", "organization", "organisation", "council", "department",
    "oecd", "unesco", "who", "nro", "nwo", "rivm", "scp", "wrr", "ggd", "vo-raad", "po-raad",
    "mbo", "raad", "commissie", "committee", "platform", "netwerk", "nederlands", "nederlandse",
    "vlaamse", "overheid", "agentschap", "onderwijs", "jeugd", "trimbos", "ncj", "lerarenopleiding",
    "federatie", "landelijk", "landelijke", "college", "zorginstituut", "nivel", "kohnstamm",
    "oberon", "kbs", "dienst", "group", "groep", "team", "alliantie", "expertisecentrum",
    "balans", "oudervereniging", "sardes", "kpc", "aps", "cps", "ocw", "vws",
}

# Given names common in Dutch, Flemish and English reference lists. Used only to decide whether
# "Firstname Lastname" without a comma is a person (otherwise it is an organisation).
FIRST_NAMES = set(
    """
    aafke adriaan adrie agnes albert alex alexander alice amber andrea andré andre anja anke
    ann anna anne anneke annelies annemarie annet annette anton arie arend arja arnold astrid
    bart bas ben benjamin bernard bert betty bianca bob boudewijn bram carla carolien caroline
    catherine charlotte chris christian christine cindy claire corine cornelis daan daniel
    david debbie diana dick diederik dirk dolf edith eduard els elisabeth ellen els emma erik
    esther eva evelien ferdinand filip floor frank frans frederik freek frits gerard gert
    gerrit gert-jan geert hanna hanneke hans harm harry hein hendrik henk henriëtte herman
    hilde huib ilse inge ingrid irene iris jaap jacob jan jan-willem janneke jeroen jelle
    jesse joke joost jop jos josé joseph judith julia karel karin kees kim klaas koen kristof
    lars laura lea leen lennart leo lieke lies lieve linda lisa lotte louise luc lucas maaike
    maarten machiel marc marcel margriet maria marian marieke marije marijke marinus mario
    mark marleen marloes martijn martin marc mathijs maurits max michael micha michel mieke
    mirjam monique nadia nicole niels nienke noëlle noelle olga paul pauline pedro peter
    petra philip pieter pim quinten rene renée richard rik rob robert robin roel roeland
    ronald rosa ruben ruud sabine sander sandra sanne sara sarah saskia sebastiaan simon
    sjoerd sofie sophie stefan stephan steven susan suzanne sven theo thijs thomas tim tineke
    tom ton toon trees ursula valerie vera wim willem willemijn wilma wouter yvonne
    john james william mary patricia jennifer linda elizabeth barbara susan jessica karen
    nancy lisa betty margaret sandra ashley kimberly donna emily carol michelle amanda melissa
    deborah stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole ruth katherine samantha christine emma catherine debra virginia
    rachel carolyn janet maria heather diane julie joyce victoria kelly christina joan
    evelyn lauren judith olivia frances martha cheryl megan andrew joshua kenneth kevin brian
    george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric stephen jonathan
    larry justin scott brandon frank benjamin gregory samuel raymond patrick alexander jack
    dennis jerry tyler aaron henry douglas peter adam nathan zachary walter kyle harold carl
    jeremy keith roger gerald ethan arthur terry christian sean lawrence austin joe noah
    jesse albert bryan billy bruce willie jordan dylan alan ralph gabriel roy juan wayne
    eugene logan randy louis russell vincent philip bobby johnny bradley daniel john carol
    howard mihaly carol angela daniel albert lev jean jerome urie maria howard ken
    """.split()
)
