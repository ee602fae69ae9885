"""Subscribing, confirming, changing choices and leaving."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Subscriber


def request_subscription(email, themes, all_themes, sector, source) -> None:
    """Whatever the state of `email`, the caller shows the same answer. New, pending or
    unsubscribed addresses get a confirmation mail; a subscribed address gets a note with its
    preferences link, and its choices are left alone (only the owner may change them)."""
    from .tasks import send_already_subscribed, send_confirmation

    try:
        with transaction.atomic():
            subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
            if subscriber is not None and subscriber.status == Subscriber.Status.ACTIVE:
                pk = subscriber.pk
                transaction.on_commit(lambda: send_already_subscribed.enqueue(pk))
                return
            if subscriber is None:
                subscriber = Subscriber(email=email)
            subscriber.status = Subscriber.Status.PENDING
            subscriber.all_themes = all_themes
            subscriber.sector = sector
            subscriber.consent_source = source[:200]
            subscriber.created_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.save()
            subscriber.themes.set([] if all_themes else themes)
            pk = subscriber.pk
            transaction.on_commit(lambda: send_confirmation.enqueue(pk))
    except IntegrityError:
        # The same address sent twice at once: the other request handles it.
        return


def confirm(subscriber) -> bool:
    """Returns False when the address was already confirmed."""
    updated = (
        Subscriber.objects.filter(pk=subscriber.pk)
        .exclude(status=Subscriber.Status.ACTIVE)
        .update(
            status=Subscriber.Status.ACTIVE,
            consent_at=timezone.now(),
            bounce_count=0,
            unsubscribed_at=None,
        )
    )
    subscriber.refresh_from_db()
    return bool(updated)


def update_choices(subscriber, themes, all_themes, sector) -> None:
    with transaction.atomic():
        subscriber.all_themes = all_themes
        subscriber.sector = sector
        subscriber.save(update_fields=["all_themes", "sector"])
        subscriber.themes.set([] if all_themes else themes)


def unsubscribe(subscriber) -> None:
    """Takes effect at once: deliveries not yet sent are skipped (see sending.claim and the
    commit in sending.send_batch)."""
    Subscriber.objects.filter(pk=subscriber.pk).exclude(
        status=Subscriber.Status.UNSUBSCRIBED
    ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())
    subscriber.refresh_from_db()
