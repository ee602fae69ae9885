"""A scratch database for the search benchmarks: a temporary SQLite file by default, or a new
PostgreSQL database created on the server of --postgres URL and dropped afterwards. Sets up
Django against it, migrated, before returning."""

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def scratch_database(
    postgres_url: str | None, label: str, keep: bool = False, reuse: str | None = None
):
    """keep: leave the database (and SQLite file) in place; reuse: a URL kept that way."""
    sys.path.insert(0, str(ROOT))
    for name in ("REDIS_URL",):
        os.environ.pop(name, None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kennisbank.settings.dev"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    tmp_dir = tempfile.mkdtemp(prefix=f"kb-{label}-")
    admin_url = name = None
    try:
        if reuse:
            os.environ["DATABASE_URL"] = reuse
        elif postgres_url:
            import psycopg

            parts = urlsplit(postgres_url)
            name = f"kb_{label}_{secrets.token_hex(4)}"
            admin_url = postgres_url
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp_dir}/scratch.sqlite3"
        if reuse and os.environ.get("KENNISBANK_VAR_DIR"):
            pass  # a kept index keeps its var directory (the lexicon file lives there)
        else:
            os.environ["KENNISBANK_VAR_DIR"] = tmp_dir
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        # The dev settings turn DEBUG on, which keeps the SQL of every query in memory: a
        # benchmark must measure the site as it serves, not its debug log.
        settings.DEBUG = False

        call_command("migrate", verbosity=0, interactive=False)
        yield os.environ["DATABASE_URL"]
    finally:
        if name is not None and not keep:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not keep:  # a reused database lives elsewhere
            shutil.rmtree(tmp_dir, ignore_errors=True)


def database_size(url: str) -> int:
    """Bytes used by the scratch database (file size, or pg_database_size)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(connection.settings_dict["NAME"]).stat().st_size
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def table_size(tables: list[str]) -> int | None:
    """Bytes of the given tables with their indexes (PostgreSQL; SQLite via dbstat if built in)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            total = 0
            for table in tables:
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                total += cursor.fetchone()[0]
            return total
        try:
            marks = ",".join("%s" for _ in tables)
            cursor.execute(
                f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({marks})",
                tables,
            )
            return cursor.fetchone()[0]
        except Exception:
            return None


def parse_overrides(items: list[str]) -> dict:
    """--set NAME=VALUE options (JSON values) as a KENNISBANK_SEARCH dict."""
    import json

    overrides = {}
    for item in items:
        name, _, value = item.partition("=")
        overrides[name] = json.loads(value)
    return overrides
