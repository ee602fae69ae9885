"""SQLite settings for bulk jobs."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection as default_connection

# About 40 MB of write-ahead log with SQLite's 4 kB pages.
BULK_WAL_PAGES = 10_000


@contextmanager
def wal_autocheckpoint(db, pages: int):
    """Set SQLite's automatic checkpoint threshold on a raw `sqlite3` connection for the
    block (0 turns it off), and restore it afterwards."""
    (previous,) = db.execute("PRAGMA wal_autocheckpoint").fetchone()
    db.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA wal_autocheckpoint={int(previous)}")


@contextmanager
def fewer_checkpoints(connection=default_connection, pages: int = BULK_WAL_PAGES):
    """Let the write-ahead log grow to `pages` before SQLite copies it back into the database.

    By default SQLite checkpoints at 1,000 pages, inside whichever commit crosses the mark,
    and a checkpoint syncs the files to disk: a bulk job committing once per item (an import)
    spent about a tenth of its time there. Fewer, larger checkpoints copy the same pages with
    fewer syncs. Afterwards the setting is restored and a checkpoint that waits for no reader
    runs. Other databases are left alone."""
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    db = connection.connection
    with wal_autocheckpoint(db, pages):
        yield
    (journal_mode,) = db.execute("PRAGMA journal_mode").fetchone()
    # Not inside a transaction: SQLite would refuse (and the log is still needed).
    if journal_mode == "wal" and not connection.in_atomic_block:
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")
