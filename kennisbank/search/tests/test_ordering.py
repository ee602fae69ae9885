"""top_k returns what a full stable sort returns, ties included."""

import numpy as np
import pytest

from kennisbank.search.engine.ordering import top_k


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [1, 10, 37, 600])
def test_top_k_is_the_head_of_a_stable_sort(seed, k):
    rng = np.random.default_rng(seed)
    n = 20_000
    # Few distinct values, so that the k-th value is tied with many others; and zeros.
    values = rng.integers(0, 50, n).astype(np.float32) / 7
    values[rng.random(n) < 0.3] = 0
    expected = np.argsort(-values, kind="stable")[:k]
    assert top_k(values, k).tolist() == expected.tolist()


def test_top_k_edges():
    values = np.array([0.5, 2.0, 2.0, 1.0], dtype=np.float32)
    assert top_k(values, 2).tolist() == [1, 2]
    assert top_k(values, 10).tolist() == [1, 2, 3, 0]
    assert top_k(values, 0).tolist() == []
    assert top_k(np.array([], dtype=np.float32), 5).tolist() == []
