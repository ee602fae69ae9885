"""Top-k selection that returns exactly what a full stable sort would."""

import numpy as np


def top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest values, largest first, ties by index: the same as
    np.argsort(-values, kind="stable")[:k], without sorting all of a large result set (a
    common word matches most of the index; the page needs ten)."""
    n = len(values)
    k = min(k, n)
    if k <= 0:
        return np.empty(0, dtype=np.intp)
    neg = -values
    if n < 4096 or k > n // 8:
        return np.argsort(neg, kind="stable")[:k]
    threshold = np.partition(neg, k - 1)[k - 1]
    better = np.flatnonzero(neg < threshold)
    ties = np.flatnonzero(neg == threshold)[: k - len(better)]
    chosen = np.concatenate((better, ties))  # each part ascending by index
    return chosen[np.argsort(neg[chosen], kind="stable")]
