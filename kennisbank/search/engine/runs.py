"""A rebuild's postings as sorted runs on disk, merged into one segment.

The rebuild analyses documents in batches (memory stays bounded by a batch). Each batch's
postings are written to a temporary file sorted by term (a run); at the end a k-way merge
reads all runs term by term and yields each term's complete posting list once. A query then
reads one blob per term instead of one per batch (20 at 100,000 documents), and decodes and
concatenates nothing. This is the classic external merge sort; it is a few dozen lines, so no
library is pulled in for it.
"""

import heapq
import itertools
import struct
import tempfile
from collections.abc import Iterator

import numpy as np

_RECORD = struct.Struct("<HI")  # term length in bytes, number of postings


class TermIds(dict):
    """Term -> dense id within a batch, assigned on first sight. Looking up a known term is a
    plain dict lookup, so `map(ids.__getitem__, terms)` numbers a document's ~2,000 postings
    at C speed. Terms are cut to the 100 characters the term column holds; `names` lists the
    cut terms by id."""

    def __init__(self):
        super().__init__()
        self.names: list[str] = []

    def __missing__(self, term: str) -> int:
        name = term[:100]
        value = self.get(name) if name != term else None
        if value is None:
            value = len(self.names)
            self.names.append(name)
            self[name] = value
        self[term] = value
        return value


class PostingRuns:
    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="kb-search-runs-")
        self._paths: list[str] = []

    def add(self, names: list[str], term_ids: np.ndarray, docs: np.ndarray, weights: np.ndarray):
        """One batch's postings: parallel arrays (term id into `names`, docnum, weight), docnums
        ascending within the batch and above every earlier batch's."""
        if not len(term_ids):
            return
        encoded = [name.encode() for name in names]
        by_rank = sorted(range(len(names)), key=encoded.__getitem__)
        rank = np.empty(len(names), dtype=np.int64)
        rank[by_rank] = np.arange(len(names))
        keys = rank[term_ids]
        order = np.argsort(keys, kind="stable")  # docnums stay ascending per term
        keys = keys[order]
        docs = np.ascontiguousarray(docs[order], dtype="<i4")
        weights = np.ascontiguousarray(weights[order], dtype="<f4")
        bounds = np.flatnonzero(np.diff(keys)) + 1
        starts = np.concatenate(([0], bounds)).tolist()
        ends = np.concatenate((bounds, [len(keys)])).tolist()
        path = f"{self._dir.name}/run-{len(self._paths):05d}"
        with open(path, "wb", buffering=1 << 20) as out:
            for a, b in zip(starts, ends, strict=True):
                term = encoded[by_rank[int(keys[a])]]
                out.write(_RECORD.pack(len(term), b - a))
                out.write(term)
                out.write(docs[a:b].tobytes())
                out.write(weights[a:b].tobytes())
        self._paths.append(path)

    @staticmethod
    def _read(path: str, index: int) -> Iterator[tuple[bytes, int, bytes, bytes]]:
        with open(path, "rb", buffering=1 << 20) as run:
            while header := run.read(_RECORD.size):
                length, n = _RECORD.unpack(header)
                term = run.read(length)
                yield term, index, run.read(4 * n), run.read(4 * n)

    def merged(self) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
        """(term, docnums, weights) per term in byte order, each term's postings complete and
        ascending (runs hold ascending, disjoint docnum ranges and merge in run order)."""
        streams = [self._read(path, i) for i, path in enumerate(self._paths)]
        merged = heapq.merge(*streams, key=lambda record: (record[0], record[1]))
        for term, records in itertools.groupby(merged, key=lambda record: record[0]):
            records = list(records)
            docs = b"".join(r[2] for r in records)
            weights = b"".join(r[3] for r in records)
            yield (
                term.decode(),
                np.frombuffer(docs, dtype="<i4"),
                np.frombuffer(weights, dtype="<f4"),
            )

    def close(self):
        self._dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
