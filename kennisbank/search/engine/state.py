"""Per-process arrays over all indexed documents (lengths, dates, facet values), reloaded when
SearchState.version changes. Scoring and facet counting are numpy operations over them."""

import threading
from dataclasses import dataclass

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
    from ..models import SearchDocument

    rows = list(
        SearchDocument.objects.values_list(
            "docnum", "word_length", "gram_length", "content_type", "date", "themes", "sectors"
        )
    )
    size = max((r[0] for r in rows), default=-1) + 1
    alive = np.zeros(size, dtype=bool)
    wlen = np.zeros(size, dtype=np.float32)
    glen = np.zeros(size, dtype=np.float32)
    date = np.zeros(size, dtype=np.int32)
    year = np.zeros(size, dtype=np.int16)
    ctype = np.zeros(size, dtype=np.int16)
    ctype_values: list[str] = []
    ctype_index: dict[str, int] = {}
    theme_pairs: list[tuple[int, int]] = []
    sector_pairs: list[tuple[int, str]] = []
    for docnum, wl, gl, ct, d, themes, sectors in rows:
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
        theme_pairs.extend((docnum, int(t)) for t in themes.split())
        sector_pairs.extend((docnum, s) for s in sectors.split())
    n = len(rows)
    theme_values = sorted({t for _, t in theme_pairs})
    sector_values = sorted({s for _, s in sector_pairs})
    t_index = {v: i for i, v in enumerate(theme_values)}
    s_index = {v: i for i, v in enumerate(sector_values)}
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
        theme_docs=np.array([d for d, _ in theme_pairs], dtype=np.int32),
        theme_idx=np.array([t_index[t] for _, t in theme_pairs], dtype=np.int32),
        theme_values=theme_values,
        sector_docs=np.array([d for d, _ in sector_pairs], dtype=np.int32),
        sector_idx=np.array([s_index[s] for _, s in sector_pairs], dtype=np.int32),
        sector_values=sector_values,
    )
