"""Base forms of inflected Dutch adjectives and participles, and compound-splitting guards."""

import pytest

from kennisbank.search.analyzer.analyzer import Analyzer
from kennisbank.search.analyzer.compounds import CompoundSplitter
from kennisbank.search.analyzer.inflection import base_form, singular, verb_infinitive

WORDS = {"intern", "zwak", "groot", "hoog", "doof", "lief", "boos", "hoogbegaafd", "half", "goed"}


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("interne", "intern"),  # plain -e
        ("hoogbegaafde", "hoogbegaafd"),  # participle -de
        ("zwakke", "zwak"),  # doubled consonant
        ("grote", "groot"),  # open syllable: long vowel written once
        ("hoge", "hoog"),
        ("dove", "doof"),  # v -> f
        ("boze", "boos"),  # z -> s
        ("lieve", "lief"),
        ("halve", "half"),
        ("goede", "goed"),
        ("houdt", "houd"),  # verb -dt, no lexicon needed
        ("wordt", "word"),
    ],
)
def test_base_form_by_spelling_rules(inflected, base):
    assert base_form(inflected, WORDS.__contains__) == base


@pytest.mark.parametrize("word", ["orde", "functie", "ziekte", "kind", "ass", "hb", "3r"])
def test_words_without_a_known_base_form_stay(word):
    assert base_form(word, WORDS.__contains__) == word


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


@pytest.mark.parametrize(
    ("inflected", "base"),
    [("hoogbegaafde", "hoogbegaafd"), ("interne", "intern"), ("goede", "goed")],
)
def test_inflected_adjectives_share_the_stem_of_their_base_form(analyzer, inflected, base):
    # Snowball dutch alone stems these apart (hoogbegaaf/hoogbegaafd, interne/intern).
    assert analyzer.stem(inflected) == analyzer.stem(base)
    assert analyzer.word_terms(inflected)[0] == analyzer.word_terms(base)[0]


def test_protected_words_keep_their_form():
    assert Analyzer(protected=frozenset({"interne"})).stem("interne") == "interne"


def test_a_suffix_like_word_is_no_last_part():
    lex = {"werk": -8.0, "ende": -9.0, "kalm": -10.0, "eren": -9.0, "kind": -7.0, "opvang": -9.0}
    splitter = CompoundSplitter(lex=lex)
    assert splitter.split("werkende") == []
    assert splitter.split("kalmeren") == []
    assert splitter.split("kinderopvang") == ["kind", "opvang"]


def test_a_function_word_is_no_part_even_read_as_part_and_linker():
    # "achter" is no part; "acht" + linker "er" must not stand in for it.
    lex = {"acht": -8.0, "stand": -9.0}
    assert CompoundSplitter(lex=lex).split("achterstand") == []
    assert CompoundSplitter(lex={"boek": -8.0, "kast": -9.0}).split("boekenkast") == [
        "boek",
        "kast",
    ]


FREQUENCIES = {
    "rekenen": -10.0,
    "rekent": -12.0,
    "lezen": -9.0,
    "leest": -11.0,
    "best": -7.0,
    "bessen": -14.0,
    "spelen": -9.5,
}


@pytest.mark.parametrize(
    ("form", "infinitive"),
    [("rekent", "rekenen"), ("leest", "lezen"), ("reken", "rekenen"), ("speel", "spelen")],
)
def test_verb_forms_map_to_their_infinitive(form, infinitive):
    assert verb_infinitive(form, FREQUENCIES.get) == infinitive


def test_a_noun_in_t_is_no_verb_form_when_the_verb_is_rarer():
    assert verb_infinitive("best", FREQUENCIES.get) is None


def test_verb_forms_and_verb_parts_share_the_infinitives_stem(analyzer):
    # Snowball alone: rekent -> rekent, rekenen -> rekeen, reken -> reek.
    assert analyzer.stem("rekent") == analyzer.stem("rekenen")
    assert analyzer.stem("leest") == analyzer.stem("lezen")
    assert analyzer.stem("rekenen") in analyzer.word_terms("rekenproblemen")


@pytest.mark.parametrize(
    ("singular_form", "plural"),
    [
        ("kind", "kinderen"),
        ("woord", "woorden"),
        ("probleem", "problemen"),
        ("toets", "toetsen"),
        ("examen", "examens"),
        ("school", "scholen"),
        ("klas", "klassen"),
    ],
)
def test_plurals_share_the_stem_of_their_singular(analyzer, singular_form, plural):
    # Snowball alone: kinder/kind, woor/woord, problem/probleem, toets/toet, examen/exaam.
    assert analyzer.stem(plural) == analyzer.stem(singular_form)


def test_singular_prefers_the_most_common_known_candidate():
    frequencies = {"school": -8.0, "schol": -14.0, "scholen": -9.0, "reden": -8.0, "red": -12.0}
    assert singular("scholen", frequencies.get, 1.0) == "school"
    assert singular("reden", frequencies.get, 1.0) is None  # "red" is far rarer: no plural


def test_singular_normalisation_can_be_switched_off(settings):
    settings.KENNISBANK_SEARCH = {"SINGULAR_MARGIN": None}
    assert Analyzer().stem("kinderen") != Analyzer().stem("kind")
