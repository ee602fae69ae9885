import pytest

from kennisbank.search.analyzer import get_analyzer
from kennisbank.search.analyzer.analyzer import Analyzer
from kennisbank.search.analyzer.compounds import CompoundSplitter, word_log_frequency
from kennisbank.search.analyzer.text import MAX_TOKEN_LENGTH, fold, grams, normalise, tokenize


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


def test_normalise_folds_accents_and_drops_control_characters():
    assert normalise("Coördinator\x00 Één") == "coordinator  een"
    assert fold("ĳs") == "ijs"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("leerling-leraar", ["leerlingleraar", "leerling", "leraar"]),
        ("po/vo", ["po", "vo"]),
        ("ib'er", ["iber", "ib"]),
        ("ib’er", ["iber", "ib"]),
        ("3R", ["3r"]),
        ("WISC-III", ["wisciii", "wisc", "iii"]),
        ("auto's", ["autos", "auto"]),
        ("(AND) NEAR* ^x:y", ["and", "near", "x", "y"]),
        ("", []),
    ],
)
def test_tokenize(text, expected):
    assert tokenize(text) == expected


def test_tokenize_takes_the_same_tokens_with_or_without_a_joined_token_in_the_text():
    # A text without hyphens or apostrophes takes a fast path; a single joined token elsewhere
    # in the text must not change how the plain tokens come out.
    plain = "Hoogbegaafde kleuters in groep 1 en 2 " + "x" * 60
    assert tokenize(plain + " po-vo") == tokenize(plain) + ["povo", "po", "vo"]
    # Typographic hyphens and apostrophes become ASCII before the fast path is chosen.
    assert tokenize(plain + " po\u2011vo ib\u2019er") == tokenize(plain) + [
        "povo",
        "po",
        "vo",
        "iber",
        "ib",
    ]
    assert tokenize(plain)[-1] == "x" * MAX_TOKEN_LENGTH


def test_grams_pad_the_token():
    assert grams("hb") == ["_hb_"]
    assert grams("kind") == ["_kin", "kind", "ind_"]


def test_stem_exception_keeps_begeleiding_apart_from_beleid(analyzer):
    assert analyzer.stem("beleid") == "beleid"
    for word in ("begeleiding", "begeleiden", "begeleider", "begeleid"):
        assert analyzer.stem(word) == "begeleid"
    assert analyzer.stem("geleid") == "geleid"
    # Compound parts inherit the exception.
    assert "beleid" not in analyzer.word_terms("begeleidingsplan")
    assert "begeleid" in analyzer.word_terms("begeleidingsplan")


def test_ge_that_belongs_to_the_word_is_kept_and_participles_still_meet_their_verb(analyzer):
    # Snowball `dutch` strips ge- as if every such word were a participle.
    for word, other in (("gezin", "zin"), ("gesprek", "sprek"), ("gedrag", "drag")):
        assert analyzer.stem(word) != analyzer.stem(other)
    assert analyzer.stem("gezinnen") == analyzer.stem("gezin")
    assert analyzer.stem("getallen") == analyzer.stem("getal")
    assert analyzer.stem("gewerkt") == analyzer.stem("werken")
    assert "gedrag" in analyzer.word_terms("gedragsproblemen")


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("gezond", "zonen"),  # looks like a participle of a much rarer "verb"
        ("gebied", "bieden"),
        ("gemeente", "menen"),  # -te like an inflected participle
        ("geheugen", "heugen"),  # -en like a strong participle
        ("gebeuren", "beuren"),
    ],
)
def test_a_word_the_lexicon_does_not_confirm_as_a_participle_keeps_its_ge(analyzer, word, other):
    assert analyzer.stem(word).startswith("ge")
    assert analyzer.stem(word) != analyzer.stem(other)


def test_participles_the_lexicon_confirms_still_meet_their_verb(analyzer):
    assert analyzer.stem("gelezen") == analyzer.stem("lezen")  # strong
    assert analyzer.stem("gewerkte") == analyzer.stem("werken")  # inflected weak
    assert analyzer.stem("geleerde") == analyzer.stem("leren")
    assert analyzer.stem("gepeste") == analyzer.stem("pesten")


def test_no_stem_shorter_than_three_letters(analyzer):
    # Snowball `dutch`: orde -> "or", ass -> "as"
    assert analyzer.stem("orde") == "ord"
    assert analyzer.stem("ass") == "ass"
    assert all(len(analyzer.stem(word)) >= 3 for word in ("orde", "ass", "ade", "ere"))


@pytest.mark.parametrize(
    ("participle", "infinitive"),
    [("gepest", "pesten"), ("gespeeld", "spelen"), ("gemotiveerd", "motiveren")],
)
def test_a_weak_participle_meets_its_infinitive(analyzer, participle, infinitive):
    # Snowball alone: gepest -> pes / pesten -> pest, gespeeld -> speel / spelen -> spel.
    assert analyzer.stem(participle) == analyzer.stem(infinitive)


def test_stemming_conflates_inflections(analyzer):
    assert analyzer.stem("leraren") == analyzer.stem("leraar")
    assert analyzer.stem("scholen") == analyzer.stem("school")


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("hechtingsproblemen", {"hechting", "problemen"}),
        ("schoolbestuur", {"school", "bestuur"}),
        ("kinderopvang", {"kind", "opvang"}),
        ("taalontwikkelingsstoornis", {"taal", "ontwikkeling", "stoornis"}),
        # -schap is the word's own suffix, not a shelf
        ("burgerschapsonderwijs", {"burgerschap", "onderwijs"}),
        ("ouderschapsverlof", {"ouderschap", "verlof"}),
    ],
)
def test_compound_splitting_with_linkers(word, parts):
    assert set(CompoundSplitter().split(word)) == parts


@pytest.mark.parametrize(
    ("word", "parts"),
    [("zorgcoördinator", ["zorg", "coordinator"]), ("reünieavond", ["reunie", "avond"])],
)
def test_accented_words_are_known_parts(word, parts):
    # The lexicon is folded like the tokens: wordfreq's "coördinator" must be found as
    # "coordinator", or no compound with an accented part would ever be split.
    assert word_log_frequency(normalise(parts[-1])) is not None
    assert CompoundSplitter().split(normalise(word)) == parts


@pytest.mark.parametrize(
    "word", ["onderwijs", "leerling", "kind", "verschillende", "burgerschap", "ouderschap"]
)
def test_no_split_of_plain_words(word):
    assert CompoundSplitter().split(word) == []


def test_guards_min_part_length_and_parts():
    splitter = CompoundSplitter(lex={"abcd": -5.0, "efgh": -5.0, "ab": -1.0, "cdefgh": -9.0})
    assert splitter.split("abcdefgh") == ["abcd", "efgh"]  # "ab" is too short to be a part
    assert CompoundSplitter(max_parts=1, lex={"abcd": -5.0, "efgh": -5.0}).split("abcdefgh") == []


def test_protected_words_are_neither_split_nor_stemmed():
    plain = Analyzer()
    protected = Analyzer(protected=frozenset({"kinderopvang", "leerkrachten"}))
    assert len(plain.word_terms("kinderopvang")) > 1
    assert protected.word_terms("kinderopvang") == ("kinderopvang",)
    assert protected.stem("leerkrachten") == "leerkrachten"


def test_index_and_query_share_terms(analyzer):
    words, grams_, surface = analyzer.analyze("De leerkrachten begeleiden hoogbegaafde kleuters.")
    assert "de" not in surface  # stopword
    assert analyzer.stem("leerkracht") in words
    assert "#_kle" in grams_


@pytest.mark.django_db
def test_get_analyzer_uses_editor_protected_words():
    from kennisbank.search.models import ProtectedWord

    ProtectedWord.objects.create(word="Kinderopvang")
    assert get_analyzer().word_terms("kinderopvang") == ("kinderopvang",)


def test_the_isme_ist_istisch_family_shares_a_stem(analyzer):
    # Snowball `dutch`: autisme -> "aut", autist and autistisch apart.
    stems = {analyzer.stem(w) for w in ("autisme", "autist", "autisten", "autistische")}
    assert stems == {"autist"}
    assert analyzer.stem("toerisme") == analyzer.stem("toeristisch") == analyzer.stem("toerist")
    # Only where the lexicon knows both the -isme and the -istisch word.
    assert analyzer.stem("organisme") != analyzer.stem("organist")
    assert analyzer.stem("lijst") == "lijst"


def test_ge_words_snowball_stems_whole_keep_its_stem(analyzer):
    # Only where Snowball drops the ge- does the older stemmer take over.
    assert analyzer.stem("geven") == analyzer.stem("geeft") == analyzer.stem("gegeven")
    assert analyzer.stem("gegevens") == analyzer.stem("gegeven")
    assert analyzer.stem("geel") == analyzer.stem("gele") == "geel"


@pytest.mark.parametrize(
    ("one", "more"),
    [("gedachte", "gedachten"), ("gewoonte", "gewoonten"), ("gedeelte", "gedeelten")],
)
def test_a_singular_and_its_plural_share_a_stem(analyzer, one, more):
    assert analyzer.stem(one) == analyzer.stem(more)


@pytest.mark.parametrize(
    "family",
    [
        ("motiveren", "motiveert", "motivatie", "gemotiveerd", "gemotiveerde"),
        ("evalueren", "evalueert", "evaluatie"),
        ("organiseren", "organiseert", "organisatie"),
        ("differentiëren", "differentieert", "gedifferentieerde"),
        ("observeren", "observeert", "observatie"),
        ("beheer", "beheren"),
    ],
)
def test_an_eren_verb_meets_its_eer_forms(analyzer, family):
    # Snowball `dutch` gives "motiver" for motiveren but "motiveer" for motivatie and
    # gemotiveerd (while observeren and observatie both give "observeer").
    assert len({analyzer.stem(word) for word in family}) == 1


def test_the_eer_spelling_meets_no_other_word(analyzer):
    # Spelling the stems short (-er) would have joined these to unrelated words.
    assert analyzer.stem("negeren") != analyzer.stem("neger")
    assert analyzer.stem("agenderen") != analyzer.stem("anders")
    assert analyzer.stem("legering") != analyzer.stem("leger")


@pytest.mark.parametrize(
    "family",
    [
        ("melden", "meldt", "melding", "gemeld", "gemelde"),
        ("aanmelden", "aanmeldt", "aanmelding", "aangemeld", "aangemelde"),
        ("antwoorden", "antwoord"),
        ("leiden", "leiding"),
    ],
)
def test_a_verb_whose_stem_ends_in_d_keeps_it(analyzer, family):
    # Snowball `dutch`: melden -> "mel", antwoorden -> "antwoor", but meld -> "meld".
    assert len({analyzer.stem(word) for word in family}) == 1


def test_past_tenses_in_den_still_meet_their_verb(analyzer):
    assert analyzer.stem("leerden") == analyzer.stem("leren")
    assert analyzer.stem("afrondden") == analyzer.stem("afronden")


@pytest.mark.parametrize(
    ("participle", "infinitive"),
    [
        ("afgekort", "afkorten"),
        ("ingevuld", "invullen"),
        ("aangemoedigd", "aanmoedigen"),
        ("opgeschoond", "opschonen"),
        ("uitgenodigde", "uitnodigen"),
    ],
)
def test_a_separable_verbs_participle_meets_its_infinitive(analyzer, participle, infinitive):
    assert analyzer.stem(participle) == analyzer.stem(infinitive)


@pytest.mark.parametrize(
    ("participle", "infinitive"),
    [("gekend", "kennen"), ("toegekend", "toekennen"), ("gedreigd", "dreigen")],
)
def test_a_participle_meets_an_infinitive_a_little_rarer_than_its_t_form(
    analyzer, participle, infinitive
):
    # "kent" is more common than "kennen", "dreigt" than "dreigen".
    assert analyzer.stem(participle) == analyzer.stem(infinitive)


def test_of_two_possible_infinitives_the_more_common_one_wins(analyzer):
    assert analyzer.stem("gestort") == analyzer.stem("storten") != analyzer.stem("storen")
    assert analyzer.stem("gekapt") == analyzer.stem("kappen") != analyzer.stem("kapen")
    assert analyzer.stem("hakt") == analyzer.stem("hakken")


def test_a_participle_is_not_read_as_a_much_rarer_verb(analyzer):
    # gekort is korten's, not "koren"'s (kort is far more common than koren).
    assert analyzer.stem("gekort") == analyzer.stem("korten") != analyzer.stem("koren")
    assert analyzer.stem("gehard") != analyzer.stem("haren")


def test_a_ge_d_word_is_read_as_a_participle_of_its_own_stem_only_for_a_known_verb(analyzer):
    assert analyzer.stem("gemeld") == analyzer.stem("melden")
    # No "heidt" or "tijdt": geheid and getijde are not made participles of heiden, tijden.
    assert analyzer.stem("geheid") != analyzer.stem("heiden")
    assert analyzer.stem("getijde") != analyzer.stem("tijden")


def test_a_ge_inside_a_word_is_kept(analyzer):
    # Snowball `dutch` drops it as if it were a participle's: zorgbegeleiding -> "zorgbeleid"
    # (zorgbeleid is care policy), jongerendag -> "jonrendag", regelfuncties -> "relfunctie".
    assert analyzer.stem("zorgbegeleiding") != analyzer.stem("zorgbeleid")
    assert analyzer.stem("leerlingbegeleiding") == "leerlingbegeleid"
    assert analyzer.stem("burgerschap") == "burgerschap"
    assert analyzer.stem("regelfuncties") == analyzer.stem("regelfunctie") == "regelfunctie"
    assert analyzer.stem("vergelijking") == analyzer.stem("vergelijken")


@pytest.mark.parametrize(
    "family",
    [
        ("suggereert", "suggereren", "gesuggereerd"),
        ("vergezeld", "vergezellen"),
        ("bergeend", "bergeenden"),
        ("blootgesteld", "blootstellen"),
        ("binnengekomen", "binnenkomen"),
    ],
)
def test_words_with_an_inner_ge_keep_meeting_their_other_forms(analyzer, family):
    # The ge goes back into Snowball's own stem, so its other steps (a final -d/-t, -end)
    # work as before; a participle's ge after a particle the lexicon confirms stays dropped.
    assert len({analyzer.stem(word) for word in family}) == 1


@pytest.mark.parametrize(
    ("participle", "infinitive"),
    [("goedgekeurd", "goedkeuren"), ("weergegeven", "weergeven"), ("vastgesteld", "vaststellen")],
)
def test_participles_of_separable_verbs_keep_meeting_their_verb(analyzer, participle, infinitive):
    assert analyzer.stem(participle) == analyzer.stem(infinitive)
