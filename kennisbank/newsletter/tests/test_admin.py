import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from kennisbank.newsletter.models import Delivery, Edition, Subscriber

from .factories import EditionFactory, SubscriberFactory
from .test_sending import content  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser(
        "redacteur", "redactie@example.org", "geheim-wachtwoord"
    )
    client.force_login(user)
    return user


def test_admin_lists_editions_and_subscribers(client, editor):
    EditionFactory(subject="Decembereditie")
    SubscriberFactory(email="lezer@example.org")
    assert "Decembereditie" in client.get("/admin/snippets/newsletter/edition/").content.decode()
    listing = client.get("/admin/snippets/newsletter/subscriber/?q=lezer")
    assert "lezer@example.org" in listing.content.decode()


def test_edition_can_be_created_in_the_admin(client, editor):
    response = client.post(
        "/admin/snippets/newsletter/edition/add/",
        {
            "subject": "Nieuw in januari",
            "intro": "Hallo",
            "mode": "automatic",
            "since": "",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert Edition.objects.get().subject == "Nieuw in januari"


def test_previews_and_test_mail(client, editor, smtp, content):  # noqa: F811
    edition = EditionFactory(subject="Editie", since=timezone.now() - datetime.timedelta(days=30))
    html = client.get(f"/admin/newsletter/edition/{edition.pk}/preview/html/")
    assert "Rust in de klas" in html.content.decode()
    text = client.get(f"/admin/newsletter/edition/{edition.pk}/preview/text/")
    assert text["Content-Type"].startswith("text/plain")
    assert "Voorlezen werkt" in text.content.decode()
    page = client.get(f"/admin/newsletter/edition/{edition.pk}/send/")
    assert page.status_code == 200

    client.post(f"/admin/newsletter/edition/{edition.pk}/send/", {"action": "test"})
    [message] = smtp.handler.to("redactie@example.org")
    assert message["Subject"] == "[Test] Editie"
    assert not Delivery.objects.exists()  # a test is no delivery
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT


def test_schedule_then_send_now_from_the_admin(client, editor, smtp, content):  # noqa: F811
    SubscriberFactory(email="lezer@example.org")
    edition = EditionFactory(since=timezone.now() - datetime.timedelta(days=30))
    url = f"/admin/newsletter/edition/{edition.pk}/send/"
    later = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, {"action": "schedule", "when": later})
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    client.post(url, {"action": "schedule", "when": "morgen"})  # bad input: nothing changes
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    client.post(url, {"action": "send_now"})
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert len(smtp.handler.to("lezer@example.org")) == 1
    # A sent edition can no longer be edited.
    edit = client.get(f"/admin/snippets/newsletter/edition/edit/{edition.pk}/")
    assert edit.status_code == 302 and edit["Location"] == url


def test_export_and_erase_a_subscriber(client, editor):
    subscriber = SubscriberFactory(email="lezer@example.org")
    export = client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/export/")
    data = json.loads(export.content)
    assert data["email"] == "lezer@example.org"
    assert "attachment" in export["Content-Disposition"]
    assert client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/erase/").status_code == 200
    assert Subscriber.objects.exists()
    client.post(f"/admin/newsletter/subscriber/{subscriber.pk}/erase/")
    assert not Subscriber.objects.exists()


def test_editors_cannot_add_subscribers_and_others_cannot_export(client, editor):
    response = client.get("/admin/snippets/newsletter/subscriber/add/")
    assert response.status_code == 302
    subscriber = SubscriberFactory()
    plain = get_user_model().objects.create_user("lezer", "l@example.org", "x", is_staff=True)
    client.force_login(plain)
    assert client.get(f"/admin/newsletter/subscriber/{subscriber.pk}/export/").status_code in (
        302,
        403,
    )
