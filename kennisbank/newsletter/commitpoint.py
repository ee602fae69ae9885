"""Commit, then act, with as little as possible in between.

`commit_then(action)` is called inside the outermost `transaction.atomic()` block. It commits
that transaction and runs `action` (writing the SMTP terminator) right after the commit has
taken effect, so that a process killed in between can only fall in the gap between two
system calls.

- SQLite: a commit takes effect inside this process, when the WAL write ends; then `action`.
  A commit that fills the WAL past the auto-checkpoint size also runs the checkpoint (with
  fsync) inside the commit call, after the commit has taken effect: milliseconds in the gap.
  So auto-checkpoints are off for this one commit; the next ordinary commit runs it.
- PostgreSQL: a commit takes effect when the server has received COMMIT; it finishes it even
  if the client dies right after. Waiting for the reply would put a round trip and the WAL
  flush into the gap (the crash test lost 11-12 copies per 1,000 that way), so COMMIT is
  written to the socket without waiting, `action` runs, and only then the reply is read.
  The COMMIT is corked meanwhile (`_corked`), so that writing it does not wake the backend.

Inside an enclosing atomic block (the tests' transaction), nothing can be committed here:
`action` runs and the enclosing block decides."""

import contextlib
import socket

from django.db import DatabaseError, transaction

from kennisbank.core.sqlite import wal_autocheckpoint


def commit_then(action, using=None) -> None:
    connection = transaction.get_connection(using)
    if connection.needs_rollback:
        raise transaction.TransactionManagementError("This transaction will be rolled back.")
    if len(connection.atomic_blocks) != 1:
        action()
        return
    if connection.vendor == "postgresql" and hasattr(connection.connection, "pgconn"):
        _pipelined_commit_then(connection, action)  # psycopg 3; psycopg2 takes the plain way
    elif connection.vendor == "sqlite":
        _sqlite_commit_then(connection, action)
    else:
        # DB-API commit; Django's own commit at the end of the block then has nothing to do.
        with connection.wrap_database_errors:
            connection.connection.commit()
        action()


def _sqlite_commit_then(connection, action) -> None:
    db = connection.connection
    with connection.wrap_database_errors, wal_autocheckpoint(db, 0):
        db.commit()
        action()


def _pipelined_commit_then(connection, action) -> None:
    from psycopg import errors, generators, pq

    pg = connection.connection
    pgconn = pg.pgconn
    with connection.wrap_database_errors, pg.lock, _corked(pgconn.socket) as uncork:
        pgconn.send_query(b"COMMIT")
        # In non-blocking mode libpq writes on flush(); 0 means COMMIT is in the kernel.
        if pgconn.flush() != 0:
            pg.wait(generators.send(pgconn))
        try:
            action()
        finally:
            with contextlib.suppress(OSError):
                uncork()  # otherwise the kernel sends COMMIT after at most 200 ms
            # Whatever action() did, the COMMIT's result must be read for the connection to
            # be usable again (and Django's commit at the end of the block to be a no-op).
            results = pg.wait(generators.fetch_many(pgconn))
        for result in results:
            if result.status == pq.ExecStatus.FATAL_ERROR:
                raise errors.error_from_result(result, encoding=pg.info.encoding)
        if not results or results[-1].command_status != b"COMMIT":
            # A transaction in error ends with ROLLBACK instead of COMMIT.
            raise DatabaseError("The delivery's transaction was rolled back, not committed.")


@contextlib.contextmanager
def _corked(fd: int):
    """TCP_CORK on the database socket while COMMIT and the action are written. Writing COMMIT
    would otherwise wake the database backend, which on a busy machine can take the CPU from
    this process right between the two writes and so stretch the gap to milliseconds (the
    crash test lost one copy in 133 kills that way). Corked, the COMMIT stays in the kernel
    until uncork(), and it still goes out if this process dies: closing a socket sends what
    is queued (Linux; without TCP_CORK, or on a Unix socket, nothing is corked)."""
    cork = getattr(socket, "TCP_CORK", None)
    sock = None
    if cork is not None:
        sock = socket.socket(fileno=fd)  # the same socket; detached below, never closed
        try:
            sock.setsockopt(socket.IPPROTO_TCP, cork, 1)
        except OSError:
            sock.detach()
            sock = None
    corked = [sock is not None]

    def uncork():
        if corked[0]:
            corked[0] = False
            sock.setsockopt(socket.IPPROTO_TCP, cork, 0)

    try:
        yield uncork
    finally:
        if sock is not None:
            with contextlib.suppress(OSError):
                uncork()
            sock.detach()
