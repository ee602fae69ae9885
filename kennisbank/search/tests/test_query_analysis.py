"""Query analysis: question words, synonym expansion into both fields, typo-repair guards."""

import pytest

from kennisbank.search.analyzer.analyzer import Analyzer
from kennisbank.search.editor_data import EditorData, phrase_tokens
from kennisbank.search.query import analyze_query

ANALYZER = Analyzer()


def editor(*groups):
    return EditorData(
        version=0,
        protected=frozenset(),
        groups=tuple((kind, tuple(phrase_tokens(t) for t in terms)) for kind, terms in groups),
    )


NO_SYNONYMS = editor()


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("wat doet een intern begeleider", {"intern", "begeleider"}),
        ("hoeveel gym krijgen kinderen per week", {"gym", "kinderen", "week"}),
        ("waarmee kun je dyslexie herkennen", {"dyslexie", "herkennen"}),
    ],
)
def test_question_words_are_dropped_from_queries(text, content):
    query = analyze_query(text, ANALYZER, NO_SYNONYMS)
    assert set(query.words) == {ANALYZER.word_terms(w)[0] for w in content} | {
        term for w in content for term in ANALYZER.word_terms(w)[1:]
    }


def test_question_words_stay_in_indexed_text():
    words, _grams, _surface = ANALYZER.analyze("Hij doet het per week.")
    assert ANALYZER.stem("doet") in words


def test_an_expanded_member_brings_its_parts_and_grams():
    query = analyze_query(
        "tos", ANALYZER, editor(("abbreviation", ["tos", "taalontwikkelingsstoornis"]))
    )
    whole = ANALYZER.stem("taalontwikkelingsstoornis")
    assert query.words[whole] == pytest.approx(0.5)
    # Its parts at COMPOUND_PART_WEIGHT (0.5) of its weight, like a typed compound's parts.
    assert query.words[ANALYZER.stem("stoornis")] == pytest.approx(0.25)
    # Its grams join the gram query at its weight: "taalstoornis" shares them.
    assert query.grams["#stoo"] == pytest.approx(0.5)
    assert query.grams["#_tos"] == pytest.approx(1.0)


def test_synonym_expansion_settings(settings):
    settings.KENNISBANK_SEARCH = {"SYNONYM_PARTS": False, "SYNONYM_GRAM_WEIGHT": 0.0}
    query = analyze_query(
        "tos", ANALYZER, editor(("abbreviation", ["tos", "taalontwikkelingsstoornis"]))
    )
    assert ANALYZER.stem("stoornis") not in query.words
    assert "#stoo" not in query.grams


def test_a_real_dutch_word_is_not_repaired_even_when_the_index_lacks_it():
    # "voorkom" was once "repaired" into "voorkomt": it is a word, just not in the index.
    query = analyze_query(
        "hoe voorkom je uitval",
        ANALYZER,
        NO_SYNONYMS,
        known=lambda terms: set(),
        speller=lambda token: token + "t",
    )
    assert query.repaired == []
    assert query.tokens[1] == "voorkom"


def test_an_unknown_non_word_is_repaired():
    query = analyze_query(
        "dsylexie", ANALYZER, NO_SYNONYMS, known=lambda terms: set(), speller=lambda t: "dyslexie"
    )
    assert query.repaired == [("dsylexie", "dyslexie")]
