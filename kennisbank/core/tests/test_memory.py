"""What a serving process imports: the libraries that only editing, importing or a download
needs stay out of a worker (benchmarks/worker_memory.py measures what that saves)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import clear_url_caches

from kennisbank.core.preload import preload

ROOT = Path(__file__).resolve().parents[3]

# Each is imported by the function that needs it, never by setup, the URLconf or preload().
NOT_FOR_PAGE_VIEWS = [
    "jsonschema",
    "pypandoc",
    "icalendar",
    "rispy",
    "bibtexparser",
    "symspellpy",
    "ftfy",  # the importer, needed by an import run only
    "kennisbank.importer.services",
]

PROBE = """
import json, sys
import django
django.setup()
from kennisbank.core.preload import preload
preload()
print(json.dumps(sorted(name for name, module in sys.modules.items() if module)))
"""


def loaded_after_preload(database_url: str) -> set[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kennisbank.settings.test"}
    env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_worker_does_not_import_what_only_editing_or_downloads_need(tmp_path):
    loaded = loaded_after_preload(f"sqlite:///{tmp_path / 'probe.sqlite3'}")
    assert "kennisbank.search.engine.database" in loaded  # preload() did its work
    assert "numpy" in loaded
    assert not [name for name in NOT_FOR_PAGE_VIEWS if name in loaded]
    # On SQLite nothing needs PostgreSQL's driver, although Django REST framework asks for it.
    assert "psycopg" not in loaded
    assert "django.contrib.postgres" not in loaded


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite settings only")
def test_sqlite_settings_mark_django_contrib_postgres_absent():
    assert sys.modules.get("django.contrib.postgres", "missing") is None
    with pytest.raises(ImportError):
        import django.contrib.postgres.fields  # noqa: F401


@pytest.mark.django_db
def test_preload_does_not_touch_the_database(django_assert_num_queries):
    # The master must not open a connection that the forked workers would share.
    clear_url_caches()
    with django_assert_num_queries(0):
        preload()
