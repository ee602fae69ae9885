"""Property-based tests: the query parser and analyzer accept any string."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kennisbank.search.analyzer.analyzer import Analyzer
from kennisbank.search.analyzer.text import normalise, tokenize
from kennisbank.search.editor_data import EditorData, phrase_tokens
from kennisbank.search.query import analyze_query, query_tokens

ANALYZER = Analyzer()
EDITOR = EditorData(
    version=0,
    protected=frozenset({"kinderopvang"}),
    groups=(("abbreviation", (phrase_tokens("ib'er"), phrase_tokens("intern begeleider"))),),
)
OPERATORS = st.sampled_from(
    ['"', "(", ")", "AND", "OR", "NOT", "NEAR", "*", "^", ":", "-", "'", "/", "\\", "%", ";"]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), OPERATORS), max_size=20).map(" ".join)


@given(TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_tokenize_never_fails_and_yields_clean_tokens(text):
    tokens = tokenize(text)
    for token in tokens:
        assert token
        assert token == normalise(token)
        assert all(ch.isalnum() for ch in token)


@given(TEXT)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_analyze_query_never_fails_and_stays_bounded(text):
    spelled = []

    def known(terms):
        return set()

    def speller(token):
        spelled.append(token)
        return "hechting"

    query = analyze_query(text, ANALYZER, EDITOR, known=known, speller=speller)
    assert len(query.tokens) <= 16
    assert all(weight > 0 for weight in query.words.values())
    assert all(g.startswith("#") and len(g) <= 5 for g in query.grams)
    assert len(spelled) <= len(query.tokens)


@given(st.text(min_size=1000, max_size=20000))
@settings(max_examples=20, deadline=None)
def test_long_queries_are_capped(text):
    assert len(query_tokens(text)) <= 16


@pytest.mark.parametrize("text", ["ib'er", "IB’ER", "ib'ers"])
def test_abbreviation_expansion(text):
    query = analyze_query(text, ANALYZER, EDITOR)
    assert ANALYZER.stem("begeleider") in query.words
