"""The crash test, small enough for every test run: sender processes are SIGKILLed at random
moments while they send an edition to a real SMTP server, and new ones take over. No reader
may get a copy twice, and a kill may lose at most the one copy whose commit and final dot it
fell between (a window of one system call; see docs/newsletter.md). The full version, with
the real db_worker and 1,000 subscribers, is benchmarks/newsletter_crash.py.

The senders are forked from the test process (no Django start-up per restart), so kills land
while they send. They use a file copy of the in-memory SQLite test database, or the
PostgreSQL test database itself, hence the committed (transactional) test."""

import collections
import os
import random
import signal
import sqlite3
import sys
import time
import traceback

import pytest
from django.db import connection, connections
from django.utils import timezone

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.newsletter import sending
from kennisbank.newsletter.models import Delivery, Edition, EditionItem, Subscriber
from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBSCRIBERS = 200
ROUNDS = 2
MAX_KILLS_PER_ROUND = 12
KILL_AFTER = (0.02, 0.25)  # seconds after a sender starts


def _send_until_done(edition_id: int, sqlite_path: str | None) -> None:
    """The forked sender: what send_batch tasks do, until nothing is left."""
    code = 0
    try:
        if sqlite_path:
            connection.settings_dict["NAME"] = sqlite_path
            connection.close()  # the copy of the parent's in-memory connection
        while True:
            sending.send_batch(edition_id)
            due = sending.next_due(edition_id)
            if due is None or due > timezone.now():
                break  # done, or only retries for later are left (the test then fails)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)


def _run_round(edition_id, sqlite_path, rng) -> int:
    kills = 0
    give_up = time.monotonic() + 300
    while True:
        assert time.monotonic() < give_up, "the senders did not finish"
        connections.close_all()  # a forked child must not share the parent's socket
        pid = os.fork()
        if pid == 0:
            _send_until_done(edition_id, sqlite_path)
        deadline = time.monotonic() + rng.uniform(*KILL_AFTER)
        status = None
        if kills >= MAX_KILLS_PER_ROUND:
            deadline = give_up
        while status is None and time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            status = status if done else None
            time.sleep(0.002)
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            kills += 1
            continue
        assert os.waitstatus_to_exitcode(status) == 0, "a sender failed (see stderr)"
        return kills


def _copy_sqlite_to(path) -> str:
    with sqlite3.connect(path) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    target.close()
    return str(path)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_killed_senders_never_double_a_copy(smtp, settings, tmp_path, home):
    settings.NEWSLETTER_BATCH_SIZE = 20
    # Only one sender runs at a time, and the previous one is dead: its claims are stale.
    settings.NEWSLETTER_CLAIM_TIMEOUT = 0
    topic = TopicPageFactory(parent=ThemePageFactory(title="Gedrag"))
    article = ArticlePageFactory(title="Rust in de klas", topics=[topic])
    SubscriberFactory.create_batch(SUBSCRIBERS)
    addresses = set(Subscriber.objects.values_list("email", flat=True))
    editions = []
    for number in range(ROUNDS):
        edition = Edition.objects.create(subject=f"Crashtest {number}", mode=Edition.Mode.CHOSEN)
        EditionItem.objects.create(edition=edition, page=article)
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
        sending.prepare(edition.pk)
        editions.append(edition.pk)
    sqlite_path = None
    if connection.vendor == "sqlite":
        sqlite_path = _copy_sqlite_to(tmp_path / "crash.sqlite3")

    rng = random.Random()
    report = []
    for edition_id in editions:
        already = len(smtp.handler.messages)
        kills = _run_round(edition_id, sqlite_path, rng)
        copies = collections.Counter(
            address
            for message, recipients in zip(
                smtp.handler.messages[already:], smtp.handler.recipients[already:], strict=True
            )
            for address in recipients
            if message["Subject"] == f"Crashtest {editions.index(edition_id)}"
        )
        doubled = {address: n for address, n in copies.items() if n > 1}
        missing = addresses - set(copies)
        report.append((kills, len(missing), len(doubled)))
        print(f"edition {edition_id}: kills={kills} missing={len(missing)} doubled={len(doubled)}")
        assert not doubled, report
        assert not set(copies) - addresses
        # Zero copies only when a kill fell in the microseconds between commit and dot.
        assert len(missing) <= 1, report
    assert sum(kills for kills, _, _ in report) >= ROUNDS, "the senders were hardly killed"

    if sqlite_path:
        with sqlite3.connect(sqlite_path) as db:
            statuses = dict(
                db.execute(
                    f"SELECT status, COUNT(*) FROM {Delivery._meta.db_table} GROUP BY status"
                ).fetchall()
            )
    else:
        statuses = collections.Counter(Delivery.objects.values_list("status", flat=True))
    assert dict(statuses) == {"sent": SUBSCRIBERS * ROUNDS}
