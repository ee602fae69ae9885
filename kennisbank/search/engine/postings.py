"""Posting-list blobs: int32 document numbers followed by float32 weights, little-endian."""

import numpy as np

DOC_DTYPE = np.dtype("<i4")
WEIGHT_DTYPE = np.dtype("<f4")


def encode(docnums, weights) -> bytes:
    docs = np.asarray(docnums, dtype=DOC_DTYPE)
    return docs.tobytes() + np.asarray(weights, dtype=WEIGHT_DTYPE).tobytes()


def decode(blob) -> tuple[np.ndarray, np.ndarray]:
    buffer = memoryview(blob)
    n = len(buffer) // 8
    docs = np.frombuffer(buffer, dtype=DOC_DTYPE, count=n)
    weights = np.frombuffer(buffer, dtype=WEIGHT_DTYPE, count=n, offset=n * 4)
    return docs, weights
