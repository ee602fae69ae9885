import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached fragments carry a content version that database rollbacks do not reset."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    from kennisbank.home.models import HomePage

    return HomePage.objects.get()
