"""Background tasks. They take ids, and each can run again safely after a crash."""

from django.utils import timezone
from django_tasks import task

from . import sending
from .mail import already_subscribed_message, confirmation_message
from .models import Subscriber


@task()
def send_confirmation(subscriber_id: int) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.status == Subscriber.Status.ACTIVE:
        return False
    return bool(confirmation_message(subscriber).send())


@task()
def send_already_subscribed(subscriber_id: int) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status="active").first()
    if subscriber is None:
        return False
    return bool(already_subscribed_message(subscriber).send())


@task()
def start_edition(edition_id: int) -> None:
    sending.start(edition_id)


@task()
def send_batch(edition_id: int) -> dict:
    counts = sending.send_batch(edition_id)
    due = sending.next_due(edition_id)
    if due is not None and any(counts.values()):
        if due <= timezone.now():
            send_batch.enqueue(edition_id)
        elif send_batch.get_backend().supports_defer:
            send_batch.using(run_after=due).enqueue(edition_id)
    return counts
