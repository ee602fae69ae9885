"""Shared by newsletter_crash.py and newsletter_send.py: a scratch database with production
settings, an SMTP server (aiosmtpd) in its own process counting what it accepted, and
subscribers. Everything talks to 127.0.0.1 only."""

import multiprocessing
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_env(var_dir: Path, database_url: str | None, smtp_port: int, **extra) -> dict:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT"):
        env.pop(name, None)  # never touch a database the caller happens to have set
    env.update(
        KENNISBANK_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="kennisbank.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_USE_TLS="false",
        NEWSLETTER_FROM_EMAIL="nieuwsbrief@kennisbank.test",
        KENNISBANK_BASE_URL="http://127.0.0.1:8000",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def migrate(env: dict) -> None:
    print("$ manage.py migrate", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=900,
    )


def setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def reset_database_url(database_url: str) -> None:
    """Drops and recreates a PostgreSQL scratch database (only ever the one named)."""
    import psycopg
    from psycopg import sql

    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def make_content_and_subscribers(count: int) -> None:
    """One theme, one topic, one new article, and `count` confirmed subscribers of all
    themes (the demo factories, which only need the migrated database)."""
    import datetime

    from django.utils import timezone

    from kennisbank.articles.tests.factories import ArticlePageFactory
    from kennisbank.newsletter.models import Subscriber
    from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory

    if not Subscriber.objects.exists():
        topic = TopicPageFactory(parent=ThemePageFactory(title="Gedrag"))
        ArticlePageFactory(
            title="Rust in de klas",
            topics=[topic],
            published_date=timezone.localdate() - datetime.timedelta(days=1),
        )
    now = timezone.now()
    existing = Subscriber.objects.count()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"lezer{n:06d}@example.org",
                status=Subscriber.Status.ACTIVE,
                consent_at=now,
                consent_source="benchmark",
            )
            for n in range(existing, count)
        ],
        batch_size=1000,
    )


def _serve(port: int, ready, stop, results, log_path) -> None:
    """Child process: an SMTP server that keeps, per accepted message, the recipients and the
    Message-ID. Nothing is parsed beyond that header, so the server is not the bottleneck."""
    import re

    from aiosmtpd.controller import Controller

    accepted = []
    message_id = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            match = message_id.search(envelope.original_content or envelope.content)
            entry = (
                tuple(envelope.rcpt_tos),
                match.group(1).decode() if match else "",
                time.time(),
            )
            accepted.append(entry)
            if log:
                # One line per accepted message, written before the 250 reply goes out.
                log.write(f"{entry[1]}\t{','.join(entry[0])}\n")
                log.flush()
            return "250 OK"

    log = open(log_path, "a", encoding="utf-8") if log_path else None  # noqa: SIM115
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    results.put(accepted)


class SmtpProcess:
    def __init__(self, port: int, log_path=None):
        ctx = multiprocessing.get_context("spawn")
        self.ready, self.stop, self.results = ctx.Event(), ctx.Event(), ctx.Queue()
        self.log_path = log_path
        self.process = ctx.Process(
            target=_serve,
            args=(port, self.ready, self.stop, self.results, log_path),
            daemon=True,
        )

    def accepted_so_far(self) -> list:
        """[(recipients, message_id)] from the log file, while the server runs."""
        with open(self.log_path, encoding="utf-8") as log:
            rows = [line.rstrip("\n").split("\t") for line in log if line.strip()]
        return [(tuple(r.split(",")), message_id) for message_id, r in rows]

    def __enter__(self):
        self.process.start()
        if not self.ready.wait(30):
            raise RuntimeError("The SMTP server did not start.")
        return self

    def finish(self) -> list:
        """Stops the server and returns [(recipients, message_id, accepted_at)]."""
        self.stop.set()
        accepted = self.results.get(timeout=120)
        self.process.join(30)
        return accepted

    def __exit__(self, *exc):
        if self.process.is_alive():
            self.stop.set()
            self.process.join(10)
            if self.process.is_alive():
                self.process.kill()
