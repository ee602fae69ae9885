"""The crash test: send editions to N subscribers through the real background worker
(django_tasks_db's db_worker) and a real SMTP server, SIGKILL the worker at random moments,
restart it (after `newsletter_tick`, as the cron job would run it), and check that every
subscriber received every edition exactly once.

Run from the project root:  .venv/bin/python benchmarks/newsletter_crash.py
Options: --subscribers 1000 --rounds 5 --min-kill 0 --max-kill 1.5 --seed S
(kill delays count from the restarted worker's first progress)
         --database-url postgres://…/scratch_db (dropped and recreated!) for PostgreSQL.
Each round prints its kills and, separately, the subscribers with zero copies (missing:
lost) and with several (doubled). Exits 1 when any subscriber got an edition zero or several
times."""

import argparse
import collections
import contextlib
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _newsletter_common import (  # noqa: E402
    ROOT,
    SmtpProcess,
    free_port,
    make_content_and_subscribers,
    migrate,
    reset_database_url,
    scratch_env,
    setup_django,
)

CLAIM_TIMEOUT = 1  # seconds; short so that a killed worker's claims come back quickly


def start_worker(env):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.05",
            "--no-startup-delay",
            "--no-reload",
            "--verbosity",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def progress(edition):
    from kennisbank.newsletter.models import Delivery, Edition

    row = Edition.objects.filter(pk=edition.pk).values_list("status", "prepared_at").get()
    return row, Delivery.objects.filter(edition=edition, status="sent").count()


def run_round(env, rng, args, number):
    from kennisbank.newsletter import sending
    from kennisbank.newsletter.models import Delivery, Edition, EditionItem
    from kennisbank.taxonomy.models import PageTopic

    edition = Edition.objects.create(
        subject=f"Crashtest {number}", mode=Edition.Mode.CHOSEN, intro="Ronde " + str(number)
    )
    EditionItem.objects.create(edition=edition, page_id=PageTopic.objects.first().page_id)
    sending.schedule(edition)  # enqueues start_edition in the database queue
    kills = 0
    deadline = time.monotonic() + args.round_timeout
    while True:
        worker = start_worker(env)
        # Django and Wagtail take a few seconds to start: count from the worker's first
        # visible progress, so that kills land while it works, not while it boots.
        before = progress(edition)
        while progress(edition) == before and worker.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(timeout=rng.uniform(args.min_kill, args.max_kill))
        edition.refresh_from_db()
        done = edition.status == Edition.Status.SENT
        if worker.poll() is None:
            if done:
                worker.send_signal(signal.SIGTERM)  # finished: stop it politely
                worker.wait(30)
                break
            worker.send_signal(signal.SIGKILL)
            worker.wait(30)
            kills += 1
        if time.monotonic() > deadline:
            raise SystemExit(f"Round {number} did not finish within {args.round_timeout} s.")
        # What the cron job does: hand back claims of the dead worker, resume the edition.
        time.sleep(CLAIM_TIMEOUT + 0.1)
        sending.tick()
    statuses = collections.Counter(
        Delivery.objects.filter(edition=edition).values_list("status", flat=True)
    )
    return edition, kills, statuses


def verify(edition, expected, accepted, kills, statuses) -> tuple[int, int, int]:
    """Prints the round's line; returns (missing, doubled, unexpected) subscriber counts."""
    copies = collections.Counter()
    prefix = f"<kb-{edition.pk}-"
    for recipients, message_id in accepted:
        if message_id.startswith(prefix):
            for address in recipients:
                copies[address] += 1
    missing = expected - set(copies)
    doubled = {a: n for a, n in copies.items() if n > 1}
    strangers = set(copies) - expected
    ok = not missing and not doubled and not strangers
    # Missing (zero copies: lost) and doubled (two or more) are different failures: the
    # commit point before the final dot trades a duplicate for a loss in a tiny window.
    print(
        f"edition {edition.pk}: kills={kills} missing={len(missing)} "
        f"doubled={len(doubled)} (extra copies {sum(doubled.values()) - len(doubled)}) "
        f"unexpected={len(strangers)}; {len(copies)} of {len(expected)} subscribers got it; "
        f"deliveries {dict(statuses)} -> {'exactly once' if ok else 'FAILED'}",
        flush=True,
    )
    return len(missing), len(doubled), len(strangers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--min-kill", type=float, default=0.0)
    parser.add_argument("--max-kill", type=float, default=1.5)
    parser.add_argument("--round-timeout", type=float, default=900)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)

    with tempfile.TemporaryDirectory(prefix="kb-newsletter-crash-") as tmp:
        port = free_port()
        env = scratch_env(
            Path(tmp),
            args.database_url,
            port,
            NEWSLETTER_CLAIM_TIMEOUT=CLAIM_TIMEOUT,
            NEWSLETTER_MAX_PER_SECOND=0,
            NEWSLETTER_BATCH_SIZE=50,
        )
        if args.database_url:
            reset_database_url(args.database_url)
        migrate(env)
        setup_django(env)
        from django.db import connection

        make_content_and_subscribers(args.subscribers)
        print(
            f"database={connection.vendor} subscribers={args.subscribers} rounds={args.rounds} "
            f"kill after {args.min_kill}-{args.max_kill} s, seed={seed}",
            flush=True,
        )
        from kennisbank.newsletter.models import Subscriber

        expected = set(Subscriber.objects.active().values_list("email", flat=True))
        failures = 0
        totals = collections.Counter()
        with SmtpProcess(port, Path(tmp) / "accepted.log") as smtp:
            for number in range(1, args.rounds + 1):
                started = time.monotonic()
                edition, kills, statuses = run_round(env, rng, args, number)
                # Verified right away, so that every finished round counts.
                missing, doubled, strangers = verify(
                    edition, expected, smtp.accepted_so_far(), kills, statuses
                )
                totals.update(kills=kills, missing=missing, doubled=doubled, unexpected=strangers)
                failures += bool(missing or doubled or strangers)
                print(f"  ({time.monotonic() - started:.1f} s)", flush=True)
        print(
            f"summary: database={connection.vendor} subscribers={args.subscribers} "
            f"rounds={args.rounds} kills={totals['kills']} missing={totals['missing']} "
            f"doubled={totals['doubled']} unexpected={totals['unexpected']}; "
            f"{args.rounds - failures} of {args.rounds} editions delivered exactly once"
        )
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
