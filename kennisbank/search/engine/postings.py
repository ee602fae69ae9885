"""Posting-list blobs: a term's document numbers (ascending) and field-weighted frequencies.

Compact format (written since 2026-11-27), little-endian:

    int32 -1 (marker) | int32 n | int32 first docnum | uint8 gap width | uint8 weight code | 2 pad
    n - 1 gaps between successive docnums, as uint8, uint16 or int32 (the narrowest that fits)
    n weights: code 1 = uint8 and code 2 = uint16 holding twice the weight (field weights are
    multiples of 0.5, so the halves are exact), code 4 = float32 for anything else

A common term's postings take 2 bytes each instead of 8, so a query reads a quarter of the
bytes from the database; decoding is one cumulative sum. The older format (int32 docnums then
float32 weights, no header; its first docnum is never negative) is still read, so an index
written before keeps working until its next rebuild or merge.
"""

import struct

import numpy as np

DOC_DTYPE = np.dtype("<i4")
WEIGHT_DTYPE = np.dtype("<f4")
MARKER = -1
HEADER = np.dtype([("marker", "<i4"), ("n", "<i4"), ("first", "<i4"), ("gap", "u1"),
                   ("weight", "u1"), ("pad", "u2")])  # fmt: skip
_HEADER = struct.Struct("<iiiBBH")  # the same fields, for decoding
_UINT = {1: np.dtype("u1"), 2: np.dtype("<u2"), 4: np.dtype("<i4")}


def encode(docnums, weights) -> bytes:
    docs = np.asarray(docnums, dtype=np.int64)
    wts = np.asarray(weights, dtype=np.float32)
    if len(docs) > 1 and not (np.diff(docs) > 0).all():
        order = np.argsort(docs, kind="stable")
        docs, wts = docs[order], wts[order]
    n = len(docs)
    gaps = np.diff(docs)
    top_gap = int(gaps.max()) if len(gaps) else 0
    gap_width = 1 if top_gap < 1 << 8 else 2 if top_gap < 1 << 16 else 4
    halves = wts.astype(np.float64) * 2.0
    whole = bool(n) and bool((halves == np.round(halves)).all()) and float(halves.min()) >= 0
    top_half = float(halves.max()) if n else 0.0
    if whole and top_half < 1 << 8:
        weight_code, weight_bytes = 1, halves.astype(np.uint8).tobytes()
    elif whole and top_half < 1 << 16:
        weight_code, weight_bytes = 2, halves.astype("<u2").tobytes()
    else:
        weight_code, weight_bytes = 4, wts.astype(WEIGHT_DTYPE).tobytes()
    header = np.zeros(1, dtype=HEADER)
    header[0] = (MARKER, n, int(docs[0]) if n else 0, gap_width, weight_code, 0)
    return header.tobytes() + gaps.astype(_UINT[gap_width]).tobytes() + weight_bytes


def decode(blob) -> tuple[np.ndarray, np.ndarray]:
    """(int32 docnums, float32 weights). The arrays may share the blob's memory: read-only."""
    buffer = memoryview(blob)
    if len(buffer) < HEADER.itemsize or int.from_bytes(buffer[:4], "little", signed=True) >= 0:
        n = len(buffer) // 8  # the older format
        docs = np.frombuffer(buffer, dtype=DOC_DTYPE, count=n)
        weights = np.frombuffer(buffer, dtype=WEIGHT_DTYPE, count=n, offset=n * 4)
        return docs, weights
    _marker, n, first, gap_width, weight_code, _pad = _HEADER.unpack_from(buffer)
    offset = _HEADER.size
    docs = np.empty(n, dtype=np.int32)
    if n:
        docs[0] = first
        gaps = np.frombuffer(buffer, dtype=_UINT[gap_width], count=n - 1, offset=offset)
        np.cumsum(gaps, dtype=np.int32, out=docs[1:])
        docs[1:] += first
    offset += (n - 1) * gap_width if n else 0
    if weight_code == 4:
        weights = np.frombuffer(buffer, dtype=WEIGHT_DTYPE, count=n, offset=offset)
    else:
        raw = np.frombuffer(buffer, dtype=_UINT[weight_code], count=n, offset=offset)
        weights = np.multiply(raw, np.float32(0.5), dtype=np.float32)
    return docs, weights
