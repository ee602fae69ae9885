"""A subscriber's data out (export) and gone (erase), and the retention rules."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Subscriber


def export_subscriber(subscriber) -> dict:
    """Everything stored about one subscriber, as JSON-ready data (GDPR art. 15 and 20)."""
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "all_themes": subscriber.all_themes,
        "themes": [theme.title for theme in subscriber.themes.order_by("path")],
        "sector": subscriber.sector.name if subscriber.sector else None,
        "signed_up_at": _iso(subscriber.created_at),
        "consent_at": _iso(subscriber.consent_at),
        "consent_source": subscriber.consent_source,
        "unsubscribed_at": _iso(subscriber.unsubscribed_at),
        "consecutive_bounces": subscriber.bounce_count,
        "deliveries": [
            {
                "edition": subject,
                "status": status,
                "sent_at": _iso(sent_at),
                "error": error,
            }
            for subject, status, sent_at, error in subscriber.deliveries.order_by("pk").values_list(
                "edition__subject", "status", "sent_at", "last_error"
            )
        ],
    }


def _iso(value):
    return value.isoformat() if value else None


def erase_subscriber(subscriber) -> None:
    """Deletes the subscriber and their delivery records (GDPR art. 17). Signed links die with
    the row: they name its id and key."""
    with transaction.atomic():
        subscriber.deliveries.all().delete()
        subscriber.delete()


def purge_unconfirmed(now=None) -> int:
    """Deletes addresses that never confirmed within NEWSLETTER_PENDING_DAYS and addresses that
    unsubscribed more than NEWSLETTER_UNSUBSCRIBED_DAYS ago."""
    now = now or timezone.now()
    pending_cutoff = now - datetime.timedelta(days=settings.NEWSLETTER_PENDING_DAYS)
    left_cutoff = now - datetime.timedelta(days=settings.NEWSLETTER_UNSUBSCRIBED_DAYS)
    stale = Subscriber.objects.filter(
        Q(status=Subscriber.Status.PENDING, created_at__lt=pending_cutoff)
        | Q(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=left_cutoff)
    )
    count = 0
    for subscriber in stale.iterator():
        erase_subscriber(subscriber)
        count += 1
    return count
