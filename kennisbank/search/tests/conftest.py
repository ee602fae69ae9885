import pytest


def reset_search_caches():
    """Versions restart when a test's transaction rolls back, so per-process caches keyed by
    version must be dropped between tests."""
    from kennisbank.search import editor_data
    from kennisbank.search.engine import reader, speller, state

    editor_data._cached = None
    state._cached = None
    speller._cached = None
    reader.cache = reader.BlobCache()
    reader.frequency_cache.clear()


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    reset_search_caches()
    yield
    reset_search_caches()
