"""Index storage: compact posting blobs, the rebuild's one segment from sorted runs, and that
every way of writing the index ranks the same."""

import datetime
import random

import numpy as np
import pytest

from kennisbank.search.engine import IndexDocument, get_engine, postings
from kennisbank.search.engine import database as database_engine
from kennisbank.search.engine.runs import PostingRuns, TermIds
from kennisbank.search.models import SearchDelta, SearchTerm


@pytest.mark.parametrize(
    ("n", "span", "choices"),
    [
        (0, 1, [1.0]),
        (1, 10, [1.5]),
        (50, 300_000, [0.25, 1.0]),  # not halves: float32
        (5000, 5200, [1.0, 1.5, 2.0, 3.0, 4.5]),  # dense: one-byte gaps and weights
        (300, 100_000, [600.5, 1.0]),  # two-byte gaps and weights
        (20, 10**8, [40_000.5]),  # four-byte gaps, float32 weights
    ],
)
def test_postings_round_trip(n, span, choices):
    rng = np.random.default_rng(n)
    docs = np.sort(rng.choice(span, n, replace=False)).astype(np.int32)
    weights = rng.choice(choices, n).astype(np.float32)
    blob = postings.encode(docs, weights)
    got_docs, got_weights = postings.decode(blob)
    assert got_docs.dtype == np.int32 and got_weights.dtype == np.float32
    assert got_docs.tolist() == docs.tolist()
    assert got_weights.tolist() == weights.tolist()


def test_common_term_takes_two_bytes_a_posting():
    docs = np.arange(0, 20_000, 2)
    assert len(postings.encode(docs, np.ones(len(docs)))) < 2 * len(docs) + 32


def test_unsorted_input_is_sorted_with_its_weights():
    docs, weights = postings.decode(postings.encode([9, 2, 5], [1.0, 2.0, 3.0]))
    assert docs.tolist() == [2, 5, 9]
    assert weights.tolist() == [2.0, 3.0, 1.0]


def test_older_blobs_are_still_read():
    old = np.array([0, 4, 7], "<i4").tobytes() + np.array([1.0, 2.5, 3.0], "<f4").tobytes()
    docs, weights = postings.decode(old)
    assert docs.tolist() == [0, 4, 7]
    assert weights.tolist() == [1.0, 2.5, 3.0]


def test_runs_merge_to_each_terms_complete_postings():
    rng = random.Random(3)
    vocab = [f"t{i}" for i in range(40)] + ["é", "ab", "a", "b"]
    expected: dict[str, list] = {}
    docnum = 0
    with PostingRuns() as runs:
        for _batch in range(5):
            names: dict[str, int] = {}
            cols = ([], [], [])
            for _doc in range(rng.randint(1, 30)):
                for term in rng.sample(vocab, rng.randint(1, 10)):
                    weight = rng.choice([1.0, 1.5, 3.0])
                    cols[0].append(names.setdefault(term, len(names)))
                    cols[1].append(docnum)
                    cols[2].append(weight)
                    expected.setdefault(term, []).append((docnum, weight))
                docnum += 1
            runs.add(list(names), *(np.array(c) for c in cols))
        merged = [(t, d.tolist(), w.tolist()) for t, d, w in runs.merged()]
    assert [t for t, _, _ in merged] == sorted(expected, key=str.encode)
    for term, docs, weights in merged:
        assert list(zip(docs, weights, strict=True)) == expected[term]


def test_term_ids_number_terms_densely_and_cut_them_to_the_column():
    ids = TermIds()
    long_a, long_b = "a" * 100 + "x", "a" * 100 + "y"
    assert [ids[t] for t in ("kind", "_kin", "kind", long_a, long_b, "a" * 100)] == [
        0,
        1,
        0,
        2,
        2,
        2,
    ]
    assert ids.names == ["kind", "_kin", "a" * 100]


def _documents(n=60, seed=5):
    rng = random.Random(seed)
    words = [
        "hechting",
        "kinderen",
        "school",
        "leraar",
        "rekenen",
        "lezen",
        "beleid",
        "passend",
        "onderwijs",
        "toets",
        "pesten",
        "groep",
        "ouders",
        "zorg",
        "taal",
        "begaafd",
        "kleuter",
        "klas",
    ]
    for i in range(n):
        text = " ".join(rng.choices(words, k=rng.randint(5, 40)))
        title = " ".join(rng.choices(words, k=3))
        yield IndexDocument(
            key=f"d{i}",
            title=title,
            fields={"title": title, "body": text},
            body=text,
            content_type="articles.articlepage",
            date=datetime.date(2020, 1, 1),
        )


QUERIES = ["hechting kinderen", "passend onderwijs", "pesten", "leraar rekenen toets", "klas"]


def _ranking():
    engine = get_engine()
    return {q: engine.ranked_keys(q, limit=100) for q in QUERIES}


@pytest.mark.django_db
def test_rebuild_writes_one_segment_that_ranks_like_the_delta(monkeypatch):
    engine = get_engine()
    engine.index(list(_documents()))
    assert SearchDelta.objects.exists() and not SearchTerm.objects.exists()
    from_delta = _ranking()
    monkeypatch.setattr(database_engine, "REBUILD_BATCH", 7)  # nine runs
    engine.rebuild(_documents())
    assert set(SearchTerm.objects.values_list("segment", flat=True)) == {0}
    terms = list(SearchTerm.objects.values_list("term", flat=True))
    assert len(terms) == len(set(terms)) > 100  # one row per term, words and grams
    from_rebuild = _ranking()
    for query in QUERIES:
        assert [k for k, _ in from_rebuild[query]] == [k for k, _ in from_delta[query]]
        assert [s for _, s in from_rebuild[query]] == pytest.approx(
            [s for _, s in from_delta[query]], rel=1e-5
        )


@pytest.mark.django_db
def test_posting_cache_serves_repeats_and_never_stale_postings(monkeypatch):
    from kennisbank.search.engine import reader

    monkeypatch.setattr(reader, "CACHE_MIN_BYTES", 0)
    engine = get_engine()
    engine.rebuild(_documents())
    first = _ranking()
    hits = reader.cache.hits
    missed = []
    cache_get = reader.cache.get

    def get(version, terms):
        found = cache_get(version, terms)
        missed.extend(t for t in terms if t not in found)
        return found

    monkeypatch.setattr(reader.cache, "get", get)
    assert _ranking() == first
    assert reader.cache.hits > hits
    # Only terms the index does not have (synonyms of query words, their grams) miss.
    assert missed and not SearchTerm.objects.filter(term__in=missed).exists()
    extra = IndexDocument(
        key="new",
        title="pesten pesten",
        fields={"title": "pesten pesten", "body": "pesten op school"},
        body="pesten op school",
    )
    engine.index([extra])
    engine.merge()  # the main segments change: cached blobs of "pest" must not be served
    assert not SearchDelta.objects.exists()
    assert "new" in [key for key, _ in engine.ranked_keys("pesten")]
    engine.remove(["new"])
    engine.merge()
    after = _ranking()
    # The same documents in the same order. Scores may differ in the last digits: the
    # neighbour vectors' idf comes from stored document frequencies, which count the removed
    # document until the next rebuild.
    assert {q: [key for key, _ in hits] for q, hits in after.items()} == {
        q: [key for key, _ in hits] for q, hits in first.items()
    }
    for q, hits in after.items():
        assert [score for _, score in hits] == pytest.approx(
            [score for _, score in first[q]], rel=1e-3
        )


@pytest.mark.django_db
def test_a_rebuild_refreshes_postgresqls_statistics():
    from django.db import connection

    from kennisbank.search.models import SearchDocument

    if connection.vendor != "postgresql":
        pytest.skip("SQLite plans without statistics")
    get_engine().rebuild(_documents(37))
    estimated = {}
    with connection.cursor() as cursor:
        for model in (SearchDocument, SearchTerm, SearchDelta):
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table]
            )
            estimated[model] = cursor.fetchone()[0]
    # Never analysed, a table estimates -1 rows; ANALYZE counts what the rebuild wrote.
    assert estimated[SearchDocument] == 37
    assert estimated[SearchTerm] == SearchTerm.objects.count() > 0
    assert estimated[SearchDelta] == 0
