"""Reading a query's postings: main-segment blobs and delta rows, restricted to live documents.

The blobs of the longest posting lists (common words, common 4-grams, and the common words
RM3 adds) are what a query spends its time fetching; every process keeps the most recently
used of them, compact as stored, up to POSTING_CACHE_MB. The cache is dropped whenever the
index version changes (any publish, removal or merge), so it never serves stale postings.
"""

import threading
from collections import OrderedDict, defaultdict

import numpy as np

from ..conf import search_setting
from . import postings
from .state import DocArrays

# Posting lists shorter than this are cheap to fetch with the rest of a query's terms.
CACHE_MIN_BYTES = 8 * 1024


class BlobCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._version: int | None = None
        self._blobs: OrderedDict[str, list[bytes]] = OrderedDict()
        self._bytes = 0
        self.hits = self.misses = 0

    def get(self, version: int, terms: list[str]) -> dict[str, list[bytes]]:
        with self._lock:
            if version != self._version:
                self._version, self._bytes = version, 0
                self._blobs.clear()
            found = {}
            for term in terms:
                blobs = self._blobs.get(term)
                if blobs is not None:
                    self._blobs.move_to_end(term)
                    found[term] = blobs
            self.hits += len(found)
            self.misses += len(terms) - len(found)
            return found

    def put(self, version: int, term: str, blobs: list[bytes], budget: int) -> None:
        size = sum(len(b) for b in blobs)
        if size < CACHE_MIN_BYTES or size > budget // 4:
            return
        with self._lock:
            if version != self._version or term in self._blobs:
                return
            self._blobs[term] = blobs
            self._bytes += size
            while self._bytes > budget and self._blobs:
                _term, old = self._blobs.popitem(last=False)
                self._bytes -= sum(len(b) for b in old)


cache = BlobCache()


class FrequencyCache:
    """term -> document frequency (main segments and delta), per index version: RM3's
    candidates and the neighbour vectors ask for hundreds of terms per query, and the common
    ones recur from query to query."""

    MAX_TERMS = 20_000

    def __init__(self):
        self._lock = threading.Lock()
        self._version: int | None = None
        self._frequencies: dict[str, int] = {}

    def clear(self) -> None:
        with self._lock:
            self._version = None
            self._frequencies = {}

    def get(self, version: int, terms) -> dict[str, int]:
        terms = set(terms)
        with self._lock:
            if version != self._version:
                self._version = version
                self._frequencies = {}
            known = {t: self._frequencies[t] for t in terms if t in self._frequencies}
        missing = [t for t in terms if t not in known]
        if not missing:
            return known
        counts = term_frequencies(missing)
        fresh = {t: counts.get(t, 0) for t in missing}
        with self._lock:
            if version == self._version:
                if len(self._frequencies) + len(fresh) > self.MAX_TERMS:
                    self._frequencies = {}
                self._frequencies.update(fresh)
        return {**known, **fresh}


frequency_cache = FrequencyCache()


def main_blobs(terms: list[str]) -> list[tuple[str, bytes]]:
    """(term, blob) rows of the main segments. On PostgreSQL the blobs are fetched in
    binary: the text protocol would send bytea as hex, twice the bytes plus decoding."""
    from django.db import connection

    from ..models import SearchTerm

    if connection.vendor == "postgresql":
        connection.ensure_connection()
        table = connection.ops.quote_name(SearchTerm._meta.db_table)
        import psycopg

        # Django's own cursors bind on the client, which cannot return binary results.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(
                f"SELECT term, postings FROM {table} WHERE term = ANY(%s)",  # noqa: S608
                [terms],
                binary=True,
            )
            return cursor.fetchall()
    return select_in(SearchTerm, "term, postings", terms)


def select_in(model, columns: str, values: list, tail: str = "", key: str = "term") -> list[tuple]:
    """Rows of `model` whose `key` is in `values` (then `tail`, e.g. a GROUP BY), in plain
    SQL: with a dozen of these per query, the ORM's query building would cost more than the
    queries."""
    return _fetch(*_terms_query(model, columns, values, tail, key))


def _terms_query(
    model, columns: str, values: list, tail: str = "", key: str = "term"
) -> tuple[str, list]:
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(values))
    return f"SELECT {columns} FROM {table} WHERE {key} IN ({marks}) {tail}", list(values)  # noqa: S608


def _fetch(sql: str, params: list) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def term_frequencies(terms) -> dict[str, int]:
    """term -> number of postings in the main segments and the delta (replaced documents
    included until the next rebuild), read without fetching any blob, in one round trip."""
    from ..models import SearchDelta, SearchTerm

    terms = list(set(terms))
    counts: dict[str, int] = defaultdict(int)
    if terms:
        main = _terms_query(SearchTerm, "term, df AS n", terms)
        delta = _terms_query(SearchDelta, "term, COUNT(*) AS n", terms, tail="GROUP BY term")
        # Table names and placeholders only: the terms are parameters.
        rows = _fetch(
            f"SELECT term, SUM(n) FROM ({main[0]} UNION ALL {delta[0]}) AS f GROUP BY term",  # noqa: S608
            main[1] + delta[1],
        )
        for term, df in rows:
            counts[term] += int(df)
    return counts


def known_terms(terms) -> set[str]:
    """The terms the index has, in the main segments or the delta (for typo repair)."""
    from ..models import SearchDelta, SearchTerm

    terms = list(set(terms))
    if not terms:
        return set()
    main = _terms_query(SearchTerm, "term", terms)
    delta = _terms_query(SearchDelta, "term", terms)
    return {row[0] for row in _fetch(f"{main[0]} UNION {delta[0]}", main[1] + delta[1])}


def read_postings(terms, arrays: DocArrays) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """term -> (docnums, weights) of live documents, main segments and delta together."""
    from ..models import SearchDelta

    terms = list(set(terms))
    if not terms:
        return {}
    budget = int(search_setting("POSTING_CACHE_MB") * 1024 * 1024)
    blobs = cache.get(arrays.version, terms) if budget > 0 else {}
    fetched: dict[str, list[bytes]] = defaultdict(list)
    missing = [t for t in terms if t not in blobs]
    if missing:
        for term, blob in main_blobs(missing):
            fetched[term].append(bytes(blob) if not isinstance(blob, bytes) else blob)
        if budget > 0:
            for term, term_blobs in fetched.items():
                cache.put(arrays.version, term, term_blobs, budget)
    parts: dict[str, list] = defaultdict(list)
    for source in (blobs, fetched):
        for term, term_blobs in source.items():
            parts[term].extend(postings.decode(b) for b in term_blobs)
    delta: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for term, docnum, weight in select_in(SearchDelta, "term, docnum, weight", terms):
        delta[term][0].append(docnum)
        delta[term][1].append(weight)
    for term, (d, w) in delta.items():
        parts[term].append((np.array(d, dtype=np.int32), np.array(w, dtype=np.float32)))
    # Right after a rebuild every document number below `size` is live: no mask needed.
    no_holes = arrays.n_docs == arrays.size
    out = {}
    for term, chunks in parts.items():
        if len(chunks) == 1:
            docs, weights = chunks[0]
        else:
            docs = np.concatenate([c[0] for c in chunks])
            weights = np.concatenate([c[1] for c in chunks])
        if not len(docs):
            continue
        if not (no_holes and int(docs.max()) < arrays.size):
            in_range = docs < arrays.size
            docs, weights = docs[in_range], weights[in_range]
            keep = arrays.alive[docs]
            if not keep.all():
                docs, weights = docs[keep], weights[keep]
        if len(docs):
            out[term] = (docs, weights)
    return out
