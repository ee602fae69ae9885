"""Per-process arrays over all indexed documents (lengths, dates, facet values), reloaded when
SearchState.version changes. Scoring and facet counting are numpy operations over them."""

import threading
from array import array
from dataclasses import dataclass, field

import numpy as np


@dataclass
class DocArrays:
    version: int
    size: int  # array length: highest docnum + 1
    alive: np.ndarray  # bool
    word_length: np.ndarray
    gram_length: np.ndarray
    avg_word_length: float
    avg_gram_length: float
    n_docs: int
    date: np.ndarray  # int32 proleptic ordinal, 0 when unknown
    year: np.ndarray  # int16, 0 when unknown
    ctype: np.ndarray  # int16 index into ctype_values
    ctype_values: list[str]
    # many-valued facets as (docnums, value index) pairs
    theme_docs: np.ndarray
    theme_idx: np.ndarray
    theme_values: list[int]
    sector_docs: np.ndarray
    sector_idx: np.ndarray
    sector_values: list[str]
    _norms: dict = field(default_factory=dict, repr=False, compare=False)

    def length_norm(self, lengths: np.ndarray, avg: float, k1: float, b: float) -> np.ndarray:
        """BM25's length normalisation k1 * (1 - b + b * length / avg) of every document,
        computed once per index version instead of once per posting of every query term
        (the same float32 arithmetic, so the same values)."""
        key = (id(lengths), avg, k1, b)
        norm = self._norms.get(key)
        if norm is None:
            norm = self._norms[key] = k1 * (1.0 - b + b * lengths / avg)
        return norm


_lock = threading.Lock()
_cached: DocArrays | None = None


def current_version() -> int:
    from ..models import SearchState

    return SearchState.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def doc_arrays(version: int | None = None) -> DocArrays:
    global _cached
    if version is None:
        version = current_version()
    cached = _cached
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        if _cached is not None and _cached.version == version:
            return _cached
        _cached = _load(version)
        return _cached


def _load(version: int) -> DocArrays:
    """Streams the rows in chunks into preallocated arrays: a list of 100,000 row tuples
    would cost ~40 MB at its peak, and a worker's freed small objects rarely go back to the
    operating system. For the same reason the many-valued facets are collected as machine
    integers (array.array), not as lists of Python ints and strings (~20 MB at 100,000
    documents)."""
    from django.db.models import Max

    from ..models import SearchDocument

    highest = SearchDocument.objects.aggregate(m=Max("docnum"))["m"]
    size = 0 if highest is None else highest + 1
    alive = np.zeros(size, dtype=bool)
    wlen = np.zeros(size, dtype=np.float32)
    glen = np.zeros(size, dtype=np.float32)
    date = np.zeros(size, dtype=np.int32)
    year = np.zeros(size, dtype=np.int16)
    ctype = np.zeros(size, dtype=np.int16)
    ctype_values: list[str] = []
    ctype_index: dict[str, int] = {}
    theme_docs = array("i")
    theme_ids = array("i")
    sector_docs = array("i")
    sector_idx = array("i")  # into sector_codes, which are in order of first appearance
    sector_codes: list[str] = []
    sector_index: dict[str, int] = {}
    n = 0
    rows = SearchDocument.objects.filter(docnum__lt=size).values_list(
        "docnum", "word_length", "gram_length", "content_type", "date", "themes", "sectors"
    )
    for docnum, wl, gl, ct, d, themes, sectors in rows.iterator(chunk_size=5000):
        n += 1
        alive[docnum] = True
        wlen[docnum] = wl
        glen[docnum] = gl
        if d is not None:
            date[docnum] = d.toordinal()
            year[docnum] = d.year
        if ct not in ctype_index:
            ctype_index[ct] = len(ctype_values)
            ctype_values.append(ct)
        ctype[docnum] = ctype_index[ct]
        for t in themes.split():
            theme_docs.append(docnum)
            theme_ids.append(int(t))
        for s in sectors.split():
            if s not in sector_index:
                sector_index[s] = len(sector_codes)
                sector_codes.append(s)
            sector_docs.append(docnum)
            sector_idx.append(sector_index[s])
    # Value indexes into the sorted lists of values.
    theme_values, theme_idx = np.unique(np.array(theme_ids, dtype=np.int32), return_inverse=True)
    sector_values = sorted(sector_codes)
    sector_rank = np.array([sector_values.index(code) for code in sector_codes], dtype=np.int32)
    return DocArrays(
        version=version,
        size=size,
        alive=alive,
        word_length=wlen,
        gram_length=glen,
        avg_word_length=float(wlen[alive].mean()) if n else 1.0,
        avg_gram_length=float(glen[alive].mean()) if n else 1.0,
        n_docs=n,
        date=date,
        year=year,
        ctype=ctype,
        ctype_values=ctype_values,
        theme_docs=np.array(theme_docs, dtype=np.int32),
        theme_idx=theme_idx.astype(np.int32),
        theme_values=theme_values.tolist(),
        sector_docs=np.array(sector_docs, dtype=np.int32),
        sector_idx=sector_rank[np.array(sector_idx, dtype=np.int32)],
        sector_values=sector_values,
    )
