import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from kennisbank.newsletter.models import Delivery, Subscriber
from kennisbank.newsletter.privacy import purge_unconfirmed

from .factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_export_command_prints_everything_stored(capsys):
    subscriber = SubscriberFactory(email="lezer@example.org", consent_source="websiteformulier")
    Delivery.objects.create(edition=EditionFactory(subject="Mei"), subscriber=subscriber)
    call_command("newsletter_subscriber", "export", "Lezer@example.org")
    data = json.loads(capsys.readouterr().out)
    assert data["email"] == "lezer@example.org"
    assert data["consent_source"] == "websiteformulier"
    assert data["deliveries"][0]["edition"] == "Mei"


def test_erase_command_needs_confirmation_and_removes_everything():
    subscriber = SubscriberFactory(email="lezer@example.org")
    Delivery.objects.create(edition=EditionFactory(), subscriber=subscriber)
    with pytest.raises(CommandError):
        call_command("newsletter_subscriber", "erase", "lezer@example.org")
    assert Subscriber.objects.exists()
    call_command("newsletter_subscriber", "erase", "lezer@example.org", "--yes")
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    with pytest.raises(CommandError, match="No subscriber"):
        call_command("newsletter_subscriber", "export", "lezer@example.org")


def test_unconfirmed_and_long_unsubscribed_addresses_are_deleted(settings):
    settings.NEWSLETTER_PENDING_DAYS = 7
    settings.NEWSLETTER_UNSUBSCRIBED_DAYS = 30
    now = timezone.now()
    old_pending = SubscriberFactory(
        status=Subscriber.Status.PENDING, created_at=now - datetime.timedelta(days=8)
    )
    new_pending = SubscriberFactory(
        status=Subscriber.Status.PENDING, created_at=now - datetime.timedelta(days=6)
    )
    old_left = SubscriberFactory(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now - datetime.timedelta(days=31)
    )
    active = SubscriberFactory(created_at=now - datetime.timedelta(days=400))
    assert purge_unconfirmed() == 2
    remaining = set(Subscriber.objects.values_list("pk", flat=True))
    assert remaining == {new_pending.pk, active.pk}
    assert old_pending.pk not in remaining and old_left.pk not in remaining


def test_tick_command_reports(capsys):
    call_command("newsletter_tick")
    assert "purged=0" in capsys.readouterr().out
