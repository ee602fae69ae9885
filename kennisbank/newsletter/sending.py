"""Sending an edition: start, prepare the delivery records, claim them in batches, send each
over SMTP with its commit point inside the SMTP transaction, retry with back-off, and recover
from workers that died.

Claims are fenced: a claim has a random token, and a delivery is only recorded as sent when its
row still carries this worker's token (a single conditional UPDATE). A worker whose claim was
handed to another worker after the claim timeout therefore cannot record, and so never
completes, a second copy. PostgreSQL claims with SELECT … FOR UPDATE SKIP LOCKED so workers do
not wait on each other; on SQLite the IMMEDIATE transaction mode serialises the claim."""

import datetime
import secrets
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .commitpoint import commit_then
from .content import build_snapshot, sections_for
from .mail import edition_message, site_name
from .models import Delivery, Edition, Subscriber
from .transport import PermanentFailure, SmtpSender, TemporaryFailure


def schedule(edition: Edition, when: datetime.datetime | None = None) -> bool:
    """Schedules (or, without `when`, starts now) a draft or scheduled edition."""
    from .tasks import start_edition

    when = when or timezone.now()
    updated = Edition.objects.filter(
        pk=edition.pk, status__in=[Edition.Status.DRAFT, Edition.Status.SCHEDULED]
    ).update(status=Edition.Status.SCHEDULED, scheduled_at=when)
    if not updated:
        return False
    if when <= timezone.now():
        start_edition.enqueue(edition.pk)
    elif start_edition.get_backend().supports_defer:
        start_edition.using(run_after=when).enqueue(edition.pk)
    # Otherwise newsletter_tick starts it when it is due.
    return True


def unschedule(edition: Edition) -> bool:
    return bool(
        Edition.objects.filter(pk=edition.pk, status=Edition.Status.SCHEDULED).update(
            status=Edition.Status.DRAFT, scheduled_at=None
        )
    )


def start(edition_id: int) -> None:
    """Moves a due scheduled edition to sending (once, however often it is called), prepares
    its deliveries and starts the first batch."""
    from .tasks import send_batch

    now = timezone.now()
    Edition.objects.filter(
        pk=edition_id, status=Edition.Status.SCHEDULED, scheduled_at__lte=now
    ).update(status=Edition.Status.SENDING, started_at=now)
    if not Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).exists():
        return
    prepare(edition_id)
    send_batch.enqueue(edition_id)


def prepare(edition_id: int) -> None:
    """Freezes the content and creates one delivery per active subscriber, in one transaction:
    all or nothing, and a second call changes nothing."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if edition.prepared_at is not None:
            return
        snapshot = build_snapshot(edition)
        subscribers = Subscriber.objects.active().prefetch_related("themes").order_by("pk")
        rows = []
        for subscriber in subscribers.iterator(chunk_size=2000):
            sections = sections_for(snapshot, subscriber.theme_ids())
            rows.append(
                Delivery(
                    edition=edition,
                    subscriber=subscriber,
                    status=Delivery.Status.PENDING if sections else Delivery.Status.SKIPPED,
                )
            )
        Delivery.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        edition.snapshot = snapshot
        edition.prepared_at = timezone.now()
        edition.save(update_fields=["snapshot", "prepared_at"])


def release_stale_claims(edition_id: int | None = None) -> int:
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    stale = Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=cutoff)
    if edition_id is not None:
        stale = stale.filter(edition_id=edition_id)
    return stale.update(status=Delivery.Status.PENDING, claim_token="", claimed_at=None)


def claim(edition_id: int, limit: int) -> tuple[str, list[Delivery]]:
    token = secrets.token_hex(16)
    now = timezone.now()
    with transaction.atomic():
        # Readers who left since the edition was prepared get nothing.
        Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.PENDING).exclude(
            subscriber__status=Subscriber.Status.ACTIVE
        ).update(status=Delivery.Status.SKIPPED, last_error="no longer subscribed")
        due = (
            Delivery.objects.filter(edition_id=edition_id, status=Delivery.Status.PENDING)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .order_by("pk")
            .select_for_update(skip_locked=True)
        )
        ids = list(due.values_list("pk", flat=True)[:limit])
        if ids:
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SENDING,
                claim_token=token,
                claimed_at=now,
                attempts=F("attempts") + 1,
            )
    claimed = list(
        Delivery.objects.filter(claim_token=token, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .prefetch_related("subscriber__themes")
        .order_by("pk")
    )
    return token, claimed


class RateLimiter:
    """At most `per_second` calls of wait() per second in this process (0: no limit)."""

    def __init__(self, per_second: float):
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(self.next_at, now) + self.interval


def backoff(attempts: int) -> datetime.timedelta:
    base = settings.NEWSLETTER_RETRY_BASE_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def send_batch(edition_id: int) -> dict:
    """Claims and sends one batch. Returns counts; the task enqueues the next batch."""
    counts = {"sent": 0, "failed": 0, "retry": 0, "skipped": 0}
    edition = Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).first()
    if edition is None or edition.prepared_at is None:
        return counts
    release_stale_claims(edition_id)
    token, deliveries = claim(edition_id, settings.NEWSLETTER_BATCH_SIZE)
    if not deliveries:
        finish_if_done(edition_id)
        return counts
    sender = SmtpSender()
    limiter = RateLimiter(settings.NEWSLETTER_MAX_PER_SECOND)
    name = site_name()
    try:
        for index, delivery in enumerate(deliveries):
            subscriber = delivery.subscriber
            sections = sections_for(edition.snapshot, subscriber.theme_ids(), subscriber.sector_id)
            mine = Delivery.objects.filter(
                pk=delivery.pk, claim_token=token, status=Delivery.Status.SENDING
            )
            if not sections:
                mine.update(status=Delivery.Status.SKIPPED, claim_token="")
                counts["skipped"] += 1
                continue
            message = edition_message(edition, subscriber, sections, name)

            def record(deliver, mine=mine):
                """The commit point: the copy is recorded as sent, committed, and only then
                is its SMTP transaction ended (transport.py, commitpoint.py)."""
                with transaction.atomic():
                    if not mine.filter(subscriber__status=Subscriber.Status.ACTIVE).update(
                        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
                    ):
                        return False
                    commit_then(deliver)
                return True

            limiter.wait()
            try:
                sent = sender.send(message, record)
            except PermanentFailure as error:
                _record_permanent(delivery, token, error)
                counts["failed"] += 1
                continue
            except TemporaryFailure as error:
                _record_temporary(delivery, token, error)
                counts["retry"] += 1
                if not sender.reachable():
                    # The server is unreachable: the rest waits as long as this one, untried.
                    _release(deliveries[index + 1 :], token, wait_until=backoff(delivery.attempts))
                    break
                continue
            if sent:
                counts["sent"] += 1
                if subscriber.bounce_count:
                    Subscriber.objects.filter(pk=subscriber.pk).update(bounce_count=0)
            else:
                # Not ours any more, or the reader unsubscribed in the meantime.
                mine.exclude(subscriber__status=Subscriber.Status.ACTIVE).update(
                    status=Delivery.Status.SKIPPED, claim_token="", last_error="unsubscribed"
                )
                counts["skipped"] += 1
    finally:
        sender.close()
    finish_if_done(edition_id)
    return counts


def _release(deliveries, token, wait_until):
    Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], claim_token=token, status=Delivery.Status.SENDING
    ).update(
        status=Delivery.Status.PENDING,
        claim_token="",
        claimed_at=None,
        attempts=F("attempts") - 1,
        next_attempt_at=timezone.now() + wait_until,
    )


def _record_temporary(delivery, token, error):
    mine = Delivery.objects.filter(
        pk=delivery.pk,
        claim_token=token,
        status__in=[Delivery.Status.SENDING, Delivery.Status.SENT],
    )
    if delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        mine.update(status=Delivery.Status.FAILED, claim_token="", last_error=str(error)[:300])
        return
    mine.update(
        status=Delivery.Status.PENDING,
        claim_token="",
        claimed_at=None,
        sent_at=None,
        next_attempt_at=timezone.now() + backoff(delivery.attempts),
        last_error=str(error)[:300],
    )


def _record_permanent(delivery, token, error):
    Delivery.objects.filter(
        pk=delivery.pk,
        claim_token=token,
        status__in=[Delivery.Status.SENDING, Delivery.Status.SENT],
    ).update(
        status=Delivery.Status.FAILED, claim_token="", sent_at=None, last_error=str(error)[:300]
    )
    Subscriber.objects.filter(pk=delivery.subscriber_id).update(bounce_count=F("bounce_count") + 1)
    Subscriber.objects.filter(
        pk=delivery.subscriber_id,
        status=Subscriber.Status.ACTIVE,
        bounce_count__gte=settings.NEWSLETTER_BOUNCE_LIMIT,
    ).update(status=Subscriber.Status.SUSPENDED)


def remaining(edition_id: int):
    return Delivery.objects.filter(
        edition_id=edition_id, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    )


def next_due(edition_id: int, now=None) -> datetime.datetime | None:
    """When the next pending delivery may be tried (now, later, or None when none is left)."""
    pending = remaining(edition_id).filter(status=Delivery.Status.PENDING)
    if pending.filter(next_attempt_at__isnull=True).exists():
        return now or timezone.now()
    return pending.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()


def finish_if_done(edition_id: int) -> bool:
    if remaining(edition_id).exists():
        return False
    return bool(
        Edition.objects.filter(pk=edition_id, status=Edition.Status.SENDING).update(
            status=Edition.Status.SENT, sent_at=timezone.now()
        )
    )


def tick() -> dict:
    """What a cron job or timer runs every minute: start due editions, hand out deliveries of
    dead workers, resume editions whose batch chain stopped, purge unconfirmed addresses."""
    from .privacy import purge_unconfirmed
    from .tasks import send_batch, start_edition

    result = {"started": 0, "resumed": 0, "released": release_stale_claims(), "purged": 0}
    now = timezone.now()
    for pk in Edition.objects.filter(
        status=Edition.Status.SCHEDULED, scheduled_at__lte=now
    ).values_list("pk", flat=True):
        start_edition.enqueue(pk)
        result["started"] += 1
    for pk, prepared_at in Edition.objects.filter(status=Edition.Status.SENDING).values_list(
        "pk", "prepared_at"
    ):
        if prepared_at is None:
            start_edition.enqueue(pk)
            result["resumed"] += 1
            continue
        due = next_due(pk, now)
        if due is not None and due <= now:
            send_batch.enqueue(pk)
            result["resumed"] += 1
        else:
            finish_if_done(pk)
    result["purged"] = purge_unconfirmed()
    return result
