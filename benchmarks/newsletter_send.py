"""Newsletter sending throughput to a local SMTP server (aiosmtpd in its own process).

Measured in one run, on one scratch database:
  baseline   smtplib sending the same number of pre-rendered messages over one connection:
             what the SMTP server and the loopback allow, with no rendering and no database;
  in-process Kennisbank's send path (sending.prepare + sending.send_batch until done:
             claiming, rendering per subscriber, the commit point inside each SMTP transaction);
  worker     the same, end to end through the background worker (manage.py db_worker),
             from enqueueing the edition to the last delivery record, worker start included;
  limited    the in-process path with NEWSLETTER_MAX_PER_SECOND, to show the limit holds.
The rate limit is off for the first three (NEWSLETTER_MAX_PER_SECOND=0).

Run from the project root:  .venv/bin/python benchmarks/newsletter_send.py
Options: --subscribers 2000 --limit 50 --database-url postgres://…/scratch_db (recreated!)"""

import argparse
import signal
import smtplib
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


def new_edition(subject):
    from kennisbank.newsletter.models import Edition, EditionItem
    from kennisbank.taxonomy.models import PageTopic

    edition = Edition.objects.create(subject=subject, mode=Edition.Mode.CHOSEN)
    EditionItem.objects.create(edition=edition, page_id=PageTopic.objects.first().page_id)
    return edition


def baseline(port, count):
    """Pre-rendered copies of one real edition mail, sent with plain smtplib."""
    from django.conf import settings

    from kennisbank.newsletter.content import build_snapshot, sections_for
    from kennisbank.newsletter.mail import edition_message
    from kennisbank.newsletter.models import Subscriber

    edition = new_edition("Baseline")
    edition.snapshot = build_snapshot(edition)
    subscribers = list(Subscriber.objects.order_by("pk")[:count])
    sections = sections_for(edition.snapshot, None)
    payloads = [
        (s.email, edition_message(edition, s, sections).message().as_bytes(linesep="\r\n"))
        for s in subscribers
    ]
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for address, payload in payloads:
            smtp.sendmail(settings.NEWSLETTER_FROM_EMAIL, [address], payload)
    return len(payloads) / (time.perf_counter() - started)


def in_process(subject, max_per_second=0.0, limit=None):
    from django.test import override_settings
    from django.utils import timezone

    from kennisbank.newsletter import sending
    from kennisbank.newsletter.models import Delivery, Edition, Subscriber

    edition = new_edition(subject)
    Edition.objects.filter(pk=edition.pk).update(
        status=Edition.Status.SENDING, started_at=timezone.now()
    )
    with override_settings(NEWSLETTER_MAX_PER_SECOND=max_per_second):
        started = time.perf_counter()
        sending.prepare(edition.pk)
        prepared = time.perf_counter()
        if limit is not None:
            # Only `limit` deliveries stay pending: a short run for the rate-limit check.
            keep = Subscriber.objects.order_by("pk").values_list("pk", flat=True)[:limit]
            Delivery.objects.filter(edition=edition).exclude(subscriber_id__in=list(keep)).update(
                status=Delivery.Status.SKIPPED
            )
            prepared = time.perf_counter()
        sent = 0
        sending_now = Edition.objects.filter(pk=edition.pk, status=Edition.Status.SENDING)
        while sending_now.exists():
            sent += sending.send_batch(edition.pk)["sent"]
        finished = time.perf_counter()
    return sent, prepared - started, sent / (finished - prepared)


def through_worker(env, count):
    from kennisbank.newsletter import sending
    from kennisbank.newsletter.models import Delivery, Edition

    edition = new_edition("Worker")
    started = time.perf_counter()
    sending.schedule(edition)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not Edition.objects.filter(pk=edition.pk, status=Edition.Status.SENT).exists():
            if time.perf_counter() - started > 600:
                raise SystemExit("The worker did not finish within 600 s.")
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    elapsed = time.perf_counter() - started
    sent = Delivery.objects.filter(edition=edition, status=Delivery.Status.SENT).count()
    return sent, sent / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--limit", type=float, default=50, help="rate limit to check, mails/s")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-newsletter-send-") as tmp:
        port = free_port()
        env = scratch_env(Path(tmp), args.database_url, port, NEWSLETTER_MAX_PER_SECOND=0)
        if args.database_url:
            reset_database_url(args.database_url)
        migrate(env)
        setup_django(env)
        from django.db import connection

        make_content_and_subscribers(args.subscribers)
        print(f"database={connection.vendor} subscribers={args.subscribers}", flush=True)
        with SmtpProcess(port) as smtp:
            base_rate = baseline(port, args.subscribers)
            print(f"baseline   smtplib, pre-rendered:  {base_rate:8.1f} mails/s", flush=True)
            sent, prepare_s, rate = in_process("In-process")
            print(
                f"in-process Kennisbank send path:   {rate:8.1f} mails/s  ({sent} sent; "
                f"prepare {prepare_s:.2f} s; {rate / base_rate:.2f} x baseline)",
                flush=True,
            )
            worker_sent, worker_rate = through_worker(env, args.subscribers)
            print(
                f"worker     db_worker, end to end:  {worker_rate:8.1f} mails/s  "
                f"({worker_sent} sent; {worker_rate / base_rate:.2f} x baseline)",
                flush=True,
            )
            n = int(args.limit * 3)
            limited_sent, _, limited_rate = in_process("Limited", args.limit, limit=n)
            print(
                f"limited    NEWSLETTER_MAX_PER_SECOND={args.limit:g}: {limited_rate:8.1f} mails/s"
                f"  ({limited_sent} sent)",
                flush=True,
            )
            accepted = smtp.finish()
        expected = 2 * args.subscribers + worker_sent + limited_sent
        print(f"SMTP server accepted {len(accepted)} messages (expected {expected})")
        goal = "met" if rate >= 50 and worker_rate >= 50 else "NOT met"
        print(f"goal >= 50 mails/s: {goal}")
        return 0 if len(accepted) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
