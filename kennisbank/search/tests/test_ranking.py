"""Ranking behaviour on small collections: compounds, synonyms, typo repair, facets, filters."""

import datetime

import pytest

from kennisbank.search.analyzer import get_analyzer
from kennisbank.search.engine import IndexDocument, get_engine
from kennisbank.search.engine.base import Filters

from .factories import SynonymFactory

pytestmark = pytest.mark.django_db

DOCS = [
    ("a", "Hechting bij jonge kinderen", "Problemen met hechting zie je vaak bij peuters."),
    ("b", "Hoogbegaafdheid herkennen", "Hoogbegaafde kleuters begeleiden vraagt maatwerk."),
    ("c", "De intern begeleider", "De intern begeleider ondersteunt leraren bij zorg."),
    ("d", "Rekenen in groep vijf", "Breuken en kommagetallen oefenen met de klas."),
    ("e", "Schoolbestuur en beleid", "Het beleid van het schoolbestuur over passend onderwijs."),
    ("f", "Leesplezier", "Voorlezen aan kleuters stimuleert de taalontwikkeling."),
]


def index(docs=DOCS, **extra):
    get_engine().rebuild(
        IndexDocument(
            key=key,
            title=title,
            fields={"title": title, "body": text},
            body=text,
            content_type="articles.articlepage",
            date=datetime.date(2020 + i, 1, 1),
            themes=[1 + i % 2],
            sectors=["po"] if i % 2 else ["vo"],
            **extra,
        )
        for i, (key, title, text) in enumerate(docs)
    )


def keys(query, **kwargs):
    return [hit.key for hit in get_engine().search(query, **kwargs).hits]


def test_compound_query_finds_its_parts():
    index()
    assert keys("hechtingsproblemen")[0] == "a"


def test_part_query_finds_the_compound():
    index()
    assert "e" in keys("bestuur")


def test_inflection():
    index()
    assert keys("hoogbegaafde")[0] == "b"


def test_typo_is_repaired_and_reported():
    index()
    results = get_engine().search("taalontwikeling")
    assert results.query.repaired == [("taalontwikeling", "taalontwikkeling")]
    assert results.hits[0].key == "f"


def test_typo_repair_can_be_switched_off():
    index()
    results = get_engine().search("taalontwikeling", repair=False)
    assert results.query.repaired == []


def test_known_words_are_not_repaired():
    index()
    assert get_engine().search("kleuters").query.repaired == []


def test_abbreviation_expands_to_its_full_form():
    index()
    SynonymFactory(kind="abbreviation", terms="ib'er, intern begeleider")
    assert keys("ib'er")[0] == "c"


def test_synonym_group_added_in_the_admin_takes_effect():
    index()
    assert "d" not in keys("cijferen", rm3=False)
    SynonymFactory(terms="cijferen, rekenen")
    assert "d" in keys("cijferen", rm3=False)


def test_begeleiden_does_not_find_beleid():
    index()
    found = keys("begeleiden", rm3=False)
    assert found[0] in {"b", "c"}
    assert "e" not in found[:2]


def test_facets_count_the_matched_set_and_filters_narrow_it():
    index()
    results = get_engine().search("kleuters")
    assert {h.key for h in results.hits} >= {"b", "f"}
    facets = results.facets
    assert sum(c for _, c in facets["content_type"]) == results.total
    assert dict(facets["year"])[2021] == 1
    filtered = get_engine().search("kleuters", filters=Filters(year=2025))
    assert [h.key for h in filtered.hits] == ["f"]
    assert get_engine().search("kleuters", filters=Filters(sector="mbo")).total == 0
    theme = get_engine().search("kleuters", filters=Filters(theme=2))
    assert {h.key for h in theme.hits} == {"b", "f"}


def test_sort_by_date():
    index()
    found = keys("kleuters", sort="date")
    assert found[:2] == ["f", "b"]


def test_pagination_offsets():
    index()
    all_keys = keys("de", limit=10)  # a stopword alone: nothing
    assert all_keys == []
    first = keys("kleuters hechting rekenen", limit=2)
    second = keys("kleuters hechting rekenen", limit=2, offset=2)
    assert len(first) == 2 and not set(first) & set(second)


def test_empty_index_and_empty_query():
    assert get_engine().search("hechting").total == 0
    index()
    assert get_engine().search("").total == 0
    assert get_engine().search("   ").hits == []


FEEDBACK_DOCS = [
    (
        "t1",
        "Trauma in de klas",
        "Trauma en veiligheid: rituelen en voorspelbaarheid geven houvast.",
    ),
    ("t2", "Trauma en gedrag", "Bij trauma helpen rituelen, voorspelbaarheid en een vaste plek."),
    ("t3", "Veiligheid voorop", "Rituelen en voorspelbaarheid geven houvast in de groep."),
    ("x1", "Rekenen", "Breuken oefenen met de klas."),
    ("x2", "Lezen", "Voorlezen aan kleuters."),
    ("x3", "Bestuur", "Het schoolbestuur en het beleid."),
]


def test_feedback_finds_a_document_without_the_query_word(settings):
    index(FEEDBACK_DOCS)
    assert "t3" not in keys("trauma", rm3=False)
    assert "t3" in keys("trauma")  # through rituelen/voorspelbaarheid from t1 and t2
    settings.KENNISBANK_SEARCH = {"RM3_MATCH_RATIO": None}  # feedback only re-ranks
    assert "t3" not in keys("trauma")


def test_grams_in_too_many_documents_are_not_scored(settings):
    from kennisbank.search.engine.state import doc_arrays

    index()
    engine = get_engine()
    versions = engine.versions()
    query = engine.analyze_query("kleuters peuters", versions=versions)
    arrays = doc_arrays(versions[0])
    settings.KENNISBANK_SEARCH = {"GRAM_MAX_DF_RATIO": None}
    assert engine._selective_grams(query.grams, arrays) == query.grams  # None: all

    settings.KENNISBANK_SEARCH = {"GRAM_MAX_DF_RATIO": 0.2}
    # A site of six pages: every gram is in a sixth of them, and the cut waits for more pages.
    assert engine._selective_grams(query.grams, arrays) == query.grams

    settings.KENNISBANK_SEARCH = {"GRAM_MAX_DF_RATIO": 0.2, "GRAM_MAX_DF_MIN_DOCS": 0}
    kept = engine._selective_grams(query.grams, arrays)  # at most 1 of the 6 documents
    assert "#_peu" in kept  # only in "peuters" (document a)
    assert "#ters" in query.grams and "#ters" not in kept  # in a, b and f
    # The words still match: leaving common grams out only changes the gram field's scores.
    assert set(keys("kleuters")) >= {"b", "f"}


SUBJECT_DOCS = [
    ("s1", "Trauma in de klas", "Trauma vraagt om rituelen, voorspelbaarheid, houvast en rust."),
    ("s2", "Na een trauma", "Rituelen, voorspelbaarheid en houvast geven rust na een trauma."),
    ("s3", "Houvast en rust", "Rituelen, voorspelbaarheid, houvast en rust, ook bij trauma."),
    ("y1", "Gedichten", "Een gedicht over de zee, het strand, de meeuwen en een trauma."),
    ("y2", "Sportdag", "Op de sportdag rennen, springen en gooien; een val was geen trauma."),
    ("y3", "Schoolreis", "De bus, het museum, de picknick en de terugreis zonder trauma."),
    ("x1", "Rekenen", "Breuken oefenen met de klas."),
    ("x2", "Lezen", "Voorlezen aan kleuters."),
    ("x3", "Bestuur", "Het schoolbestuur en het beleid."),
]


def test_neighbour_smoothing_lifts_documents_on_the_subject_of_the_best(settings):
    index(SUBJECT_DOCS)
    settings.KENNISBANK_SEARCH = {"RM3": False, "NEIGHBOUR_WEIGHT": 0}
    plain = keys("trauma")
    # s3 has the word once in its body, like the passing mentions y1-y3: they rank alike.
    assert plain[:2] == ["s1", "s2"] or plain[:2] == ["s2", "s1"]
    assert plain.index("s3") > plain.index("y1")
    settings.KENNISBANK_SEARCH = {"RM3": False, "NEIGHBOUR_WEIGHT": 0.4}
    smoothed = keys("trauma")
    # s3 shares rituelen/voorspelbaarheid/houvast/rust with the two best; y1-y3 share only
    # the query word, with everyone.
    assert smoothed.index("s3") == 2
    assert set(smoothed) == set(plain)  # smoothing re-orders, it does not add or drop


def _expansion(query_text):
    from kennisbank.search.engine.feedback import rm3_weights
    from kennisbank.search.engine.reader import term_frequencies
    from kennisbank.search.engine.state import doc_arrays

    engine = get_engine()
    versions = engine.versions()
    query = engine.analyze_query(query_text, versions=versions)
    arrays = doc_arrays(versions[0])
    scores, _matched = engine.rank(query, arrays, rm3=False)
    weights = rm3_weights(query.words, scores, arrays, term_frequencies, {})
    return {term for term in weights if term not in query.words}


def test_rm3_replaces_expansion_terms_found_in_most_documents(settings):
    docs = [
        ("t1", "Trauma", "Na trauma helpen rituelen op school, op school en nog eens op school."),
        ("t2", "Trauma", "Rituelen na trauma: de school biedt houvast, de school geeft rust."),
    ] + [(f"o{i}", f"Over school {i}", f"De school en de klas, dag {i}.") for i in range(6)]
    index(docs)
    (school,) = get_engine().analyze_query("school").words
    # Three expansion terms, the query word "trauma" among them (its own best feedback term).
    settings.KENNISBANK_SEARCH = {"RM3_MAX_DF_RATIO": None, "RM3_TERMS": 3}
    plain = _expansion("trauma")
    assert school in plain  # the most frequent word of the feedback documents
    assert len(plain) == 2
    settings.KENNISBANK_SEARCH = {
        "RM3_MAX_DF_RATIO": 0.5,
        "RM3_TERMS": 3,
        "GRAM_MAX_DF_MIN_DOCS": 0,
    }
    expansion = _expansion("trauma")
    assert school not in expansion  # in all 8 documents
    assert len(expansion) == 2  # the next candidates took its place


def test_document_frequencies_are_cached_per_index_version():
    from kennisbank.search.engine.reader import frequency_cache

    engine = get_engine()
    index(DOCS[:2])
    (stem,) = engine.analyze_query("kleuters").words
    version = engine.versions()[0]
    assert frequency_cache.get(version, [stem, "nietsbestaands"]) == {stem: 1, "nietsbestaands": 0}
    index(DOCS)  # a rebuild: new version, and "kleuters" is now in two documents
    assert engine.versions()[0] != version
    assert frequency_cache.get(engine.versions()[0], [stem])[stem] == 2


def test_repeated_frequencies_come_from_the_cache(django_assert_num_queries):
    from kennisbank.search.engine.reader import frequency_cache

    engine = get_engine()
    index(DOCS)
    (stem,) = engine.analyze_query("kleuters").words
    version = engine.versions()[0]
    first = frequency_cache.get(version, [stem, "nietsbestaands"])
    with django_assert_num_queries(0):
        assert frequency_cache.get(version, [stem, "nietsbestaands"]) == first
    with django_assert_num_queries(1):  # another version: asked afresh
        frequency_cache.get(version + 1, [stem])


def test_neighbour_smoothing_keeps_scores_without_shared_terms():
    import numpy as np

    from kennisbank.search.engine.feedback import neighbour_smoothed
    from kennisbank.search.engine.state import doc_arrays

    index(DOCS)
    arrays = doc_arrays(get_engine().versions()[0])
    scores = np.zeros(arrays.size, dtype=np.float32)
    scores[:4] = [1.0, 0.8, 0.6, 0.4]
    # No term in two documents: no similarity, every score stays.
    vectors = {0: {"a": 2.0}, 1: {"b": 1.0}, 2: {"c": 3.0}, 3: {}}
    assert neighbour_smoothed(scores, arrays, vectors) == pytest.approx(scores, rel=1e-6)
    # Fewer than three results: nothing to smooth.
    two = np.zeros(arrays.size, dtype=np.float32)
    two[:2] = [1.0, 0.5]
    assert (neighbour_smoothed(two, arrays, {0: {"a": 1.0}, 1: {"a": 1.0}}) == two).all()
    # Two documents alike, one not: the lone one keeps its score, the pair meet halfway.
    vectors = {0: {"x": 1.0, "y": 1.0}, 1: {"x": 1.0, "y": 1.0}, 2: {"z": 1.0}, 3: {"w": 1.0}}
    smoothed = neighbour_smoothed(scores, arrays, vectors)
    assert smoothed[2:4] == pytest.approx(scores[2:4], rel=1e-6)
    assert smoothed[0] < scores[0] and smoothed[1] > scores[1]
    assert smoothed[0] > smoothed[1]  # a weight of 0.4 never swaps a pair of twins


def test_the_default_list_from_the_migrations_expands_queries():
    # Groups from migration 0006 (general Dutch and Flemish education usage), as installed.
    index(
        [
            ("x", "Dyslexie op school", "Een kind met dyslexie krijgt extra tijd bij toetsen."),
            ("y", "Hulp bij leren", "Het centrum voor leerlingenbegeleiding helpt de school."),
            ("z", "Rekenen", "Breuken oefenen met de klas."),
        ]
    )
    assert keys("woordblindheid", rm3=False)[0] == "x"
    assert keys("clb", rm3=False)[0] == "y"
    words = get_engine().analyze_query("speelplaats").words
    assert get_engine().analyze_query("schoolplein").words.keys() & words.keys()


def test_the_default_list_does_not_fire_on_common_words_that_share_a_stem():
    engine = get_engine()
    # "oop" (onderwijsondersteunend personeel) is also the stem of "open".
    assert engine.analyze_query("oop").words.keys() > {"oop"}
    assert "onderwijsondersteun" not in " ".join(engine.analyze_query("open dag").words)
    # "weerbaarheid" stems to "weer": it was left out of its group.
    assert get_analyzer().stem("assertiviteit") not in engine.analyze_query("weer").words
    naschoolse = engine.analyze_query("naschoolse opvang").words
    assert get_analyzer().stem("bijscholing") not in naschoolse


def test_year_facet_leaves_out_unknown_years_and_counts_only_matches():
    import numpy as np

    from kennisbank.search.engine.database import DatabaseEngine
    from kennisbank.search.engine.state import DocArrays

    empty = np.zeros(0, dtype=np.int32)
    arrays = DocArrays(
        version=1,
        size=5,
        alive=np.ones(5, dtype=bool),
        word_length=np.ones(5, dtype=np.float32),
        gram_length=np.ones(5, dtype=np.float32),
        avg_word_length=1.0,
        avg_gram_length=1.0,
        n_docs=5,
        date=np.zeros(5, dtype=np.int32),
        year=np.array([2021, 0, 2019, 2021, 2024], dtype=np.int16),
        ctype=np.zeros(5, dtype=np.int16),
        ctype_values=["article"],
        theme_docs=empty,
        theme_idx=empty,
        theme_values=[],
        sector_docs=empty,
        sector_idx=empty,
        sector_values=[],
    )
    matched = np.array([True, True, True, True, False])
    assert DatabaseEngine._facets(matched, arrays)["year"] == [(2021, 2), (2019, 1)]
    assert DatabaseEngine._facets(np.zeros(5, dtype=bool), arrays)["year"] == []


def test_rm3_pass_reusing_unit_scores_equals_scoring_afresh():
    import numpy as np

    from kennisbank.search.engine.state import doc_arrays

    index()
    engine = get_engine()
    arrays = doc_arrays(engine.versions()[0])
    first = {get_analyzer().stem("kleuters"): 1.0, get_analyzer().stem("hechting"): 0.5}
    second = {**dict.fromkeys(first, 0.3), get_analyzer().stem("rekenen"): 0.2}
    plist = engine._postings(list(second), arrays)
    lengths, avg = arrays.word_length, arrays.avg_word_length
    cache: dict = {}
    engine._bm25(first, plist, arrays, lengths, avg, cache)
    assert set(cache) == {t for t in first if t in plist}
    reused = engine._bm25(second, plist, arrays, lengths, avg, cache)
    afresh = engine._bm25(second, plist, arrays, lengths, avg)
    assert reused.any()
    assert np.array_equal(reused, afresh)
