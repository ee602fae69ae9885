from pathlib import Path

import pytest
from django.conf import settings

PAGES = Path(__file__).resolve().parent / "pages"
SEED = settings.BASE_DIR.parent / "shared" / "seed" / "000_56251ab77f118684.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("the reference page in ../shared/seed/ is not available")
    return SEED


@pytest.fixture
def pages() -> Path:
    return PAGES
