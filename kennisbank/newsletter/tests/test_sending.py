import datetime

import pytest
from django.test import Client
from django.utils import timezone

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.newsletter import sending
from kennisbank.newsletter.mail import edition_message
from kennisbank.newsletter.models import Delivery, Edition, EditionItem, Subscriber
from kennisbank.newsletter.transport import SmtpSender
from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory

from .conftest import html_part, links, path_of, text_part
from .factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

RECENT = timezone.localdate() - datetime.timedelta(days=2)


@pytest.fixture
def content(home):
    """Two themes with a new article each, a third theme with nothing new, an old article."""
    gedrag, taal, leeg = (ThemePageFactory(title=t) for t in ("Gedrag", "Taal", "Leeg"))
    topics = {theme: TopicPageFactory(parent=theme) for theme in (gedrag, taal, leeg)}
    return {
        "themes": (gedrag, taal, leeg),
        "gedrag_article": ArticlePageFactory(
            title="Rust in de klas", topics=[topics[gedrag]], published_date=RECENT
        ),
        "taal_article": ArticlePageFactory(
            title="Voorlezen werkt", topics=[topics[taal]], published_date=RECENT
        ),
        "old_article": ArticlePageFactory(
            title="Een oud stuk", topics=[topics[gedrag]], published_date=datetime.date(2019, 1, 1)
        ),
    }


def test_each_subscriber_gets_one_copy_with_only_their_themes(smtp, content):
    gedrag, taal, leeg = content["themes"]
    everything = SubscriberFactory(email="alles@example.org")
    only_taal = SubscriberFactory(email="taal@example.org", themes=[taal])
    nothing_new = SubscriberFactory(email="leeg@example.org", themes=[leeg])
    SubscriberFactory(email="wacht@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="weg@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    edition = EditionFactory(subject="Nieuw deze maand")

    assert sending.schedule(edition)  # now; the immediate task backend sends at once

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert sorted(r[0] for r in smtp.handler.recipients) == [
        "alles@example.org",
        "taal@example.org",
    ]
    [mine] = smtp.handler.to("taal@example.org")
    assert mine["Subject"] == "Nieuw deze maand"
    text = text_part(mine)
    assert "Voorlezen werkt" in text
    assert "Rust in de klas" not in text
    assert "Een oud stuk" not in text
    [full] = smtp.handler.to("alles@example.org")
    assert "Rust in de klas" in text_part(full) and "Voorlezen werkt" in text_part(full)
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {
        everything.email: "sent",
        only_taal.email: "sent",
        nothing_new.email: "skipped",
    }

    # Sending again changes nothing: one record, and one copy, per subscriber.
    sending.start(edition.pk)
    sending.send_batch(edition.pk)
    sending.tick()
    assert len(smtp.handler.messages) == 2


def test_mail_is_accessible_html_with_text_part_and_one_click_headers(smtp, content):
    subscriber = SubscriberFactory(email="lezer@example.org")
    edition = EditionFactory(subject="Editie", intro="Een woord vooraf.")
    sending.schedule(edition)
    [message] = smtp.handler.to("lezer@example.org")

    html = html_part(message)
    assert '<html lang="nl">' in html
    assert "<h1" in html and "<h2" in html
    assert "Een woord vooraf." in text_part(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("http")
    assert message["Message-ID"].startswith(f"<kb-{edition.pk}-{subscriber.pk}-")

    # The links work when followed: articles, preferences, and the one-click POST.
    client = Client(enforce_csrf_checks=True)
    [article_link] = links(message, "/rust-in-de-klas/")
    assert client.get(article_link).status_code == 200
    [preferences] = links(message, "/voorkeuren/")
    assert client.get(preferences).status_code == 200
    response = client.post(
        path_of(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_chosen_items_in_their_order(smtp, content):
    SubscriberFactory(email="lezer@example.org")
    edition = EditionFactory(mode=Edition.Mode.CHOSEN)
    for order, page in enumerate([content["old_article"], content["taal_article"]]):
        EditionItem.objects.create(edition=edition, page=page, sort_order=order)
    sending.schedule(edition)
    text = text_part(smtp.handler.to("lezer@example.org")[0])
    assert "Een oud stuk" in text and "Voorlezen werkt" in text
    assert "Rust in de klas" not in text


def test_automatic_since_the_previous_edition(content):
    earlier = EditionFactory(status=Edition.Status.SENT)
    earlier.started_at = timezone.now() - datetime.timedelta(days=1)
    earlier.save()
    snapshot = sending.build_snapshot(EditionFactory())
    assert snapshot["items"] == []  # both new articles are older than the previous edition


def test_permanent_failure_is_recorded_and_repeated_bounces_suspend(smtp, settings, content):
    settings.NEWSLETTER_BOUNCE_LIMIT = 2
    bad = SubscriberFactory(email="bestaatniet@example.org")
    good = SubscriberFactory(email="goed@example.org")
    smtp.handler.refuse[bad.email] = "550 5.1.1 No such user"

    month_ago = timezone.now() - datetime.timedelta(days=30)
    sending.schedule(EditionFactory(since=month_ago))
    delivery = Delivery.objects.get(subscriber=bad)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.last_error.startswith("550")
    bad.refresh_from_db()
    assert (bad.bounce_count, bad.status) == (1, Subscriber.Status.ACTIVE)
    assert len(smtp.handler.to(good.email)) == 1

    sending.schedule(EditionFactory(since=month_ago))
    bad.refresh_from_db()
    assert (bad.bounce_count, bad.status) == (2, Subscriber.Status.SUSPENDED)
    sending.schedule(EditionFactory(since=month_ago))
    assert Delivery.objects.filter(subscriber=bad).count() == 2  # no third try
    assert len(smtp.handler.to(good.email)) == 3


def test_temporary_failure_is_retried_with_back_off(smtp, settings, content):
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 60
    subscriber = SubscriberFactory(email="vol@example.org")
    smtp.handler.refuse[subscriber.email] = "452 4.2.2 Mailbox full"
    edition = EditionFactory()
    before = timezone.now()
    sending.schedule(edition)

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert delivery.next_attempt_at >= before + datetime.timedelta(seconds=59)
    assert "452" in delivery.last_error
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING
    assert sending.tick()["resumed"] == 0  # not due yet

    # Fails again when due: the wait doubles.
    Delivery.objects.update(next_attempt_at=timezone.now())
    sending.tick()
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - timezone.now() > datetime.timedelta(seconds=100)

    # The mailbox has room again.
    del smtp.handler.refuse[subscriber.email]
    Delivery.objects.update(next_attempt_at=timezone.now())
    sending.tick()
    delivery.refresh_from_db()
    edition.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert edition.status == Edition.Status.SENT
    assert len(smtp.handler.messages) == 1


def test_retries_end_in_failure_after_the_maximum(smtp, settings, content):
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    subscriber = SubscriberFactory(email="vol@example.org")
    smtp.handler.refuse[subscriber.email] = "451 Try again later"
    edition = EditionFactory()
    sending.schedule(edition)
    Delivery.objects.update(next_attempt_at=timezone.now())
    sending.tick()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 2)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    subscriber.refresh_from_db()
    assert subscriber.bounce_count == 0  # a full mailbox is no bounce


def test_unreachable_server_keeps_every_delivery_for_later(smtp, settings, content):
    from .smtp import free_port

    SubscriberFactory.create_batch(3)
    settings.EMAIL_PORT = free_port()  # nothing listens there
    edition = EditionFactory()
    sending.schedule(edition)
    assert set(Delivery.objects.values_list("status", flat=True)) == {"pending"}
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [0, 0, 1]
    assert not Delivery.objects.filter(next_attempt_at__lte=timezone.now()).exists()
    settings.EMAIL_PORT = smtp.port
    Delivery.objects.update(next_attempt_at=None)
    sending.tick()
    assert len(smtp.handler.messages) == 3


def test_unsubscribing_during_sending_takes_effect_at_once(smtp, content):
    staying = SubscriberFactory(email="blijft@example.org")
    leaving = SubscriberFactory(email="gaat@example.org")
    edition = EditionFactory()
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
    sending.prepare(edition.pk)
    leaving.status = Subscriber.Status.UNSUBSCRIBED
    leaving.save()
    sending.send_batch(edition.pk)
    assert [r[0] for r in smtp.handler.recipients] == [staying.email]
    assert Delivery.objects.get(subscriber=leaving).status == Delivery.Status.SKIPPED


def test_a_worker_whose_claim_was_taken_over_sends_nothing(smtp, settings, content):
    """A slow worker's claim expires and another worker sends the copy; the slow worker's
    commit then fails and it drops the SMTP transaction before the final dot."""
    settings.NEWSLETTER_CLAIM_TIMEOUT = 60
    SubscriberFactory(email="een@example.org")
    edition = EditionFactory()
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
    sending.prepare(edition.pk)
    edition.refresh_from_db()
    slow_token, [slow] = sending.claim(edition.pk, 10)
    Delivery.objects.update(claimed_at=timezone.now() - datetime.timedelta(minutes=5))

    sending.send_batch(edition.pk)  # releases the stale claim and sends
    assert len(smtp.handler.messages) == 1

    sender = SmtpSender()
    message = edition_message(edition, slow.subscriber, [{"theme": None, "items": []}])

    def slow_record(deliver):
        return bool(
            Delivery.objects.filter(pk=slow.pk, claim_token=slow_token, status="sending").update(
                status="sent"
            )
        )

    assert sender.send(message, slow_record) is False
    sender.close()
    assert len(smtp.handler.messages) == 1


def test_scheduled_edition_waits_until_due(smtp, content):
    SubscriberFactory()
    edition = EditionFactory()
    assert sending.schedule(edition, timezone.now() + datetime.timedelta(hours=1))
    assert sending.tick()["started"] == 0
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    assert smtp.handler.messages == []
    Edition.objects.filter(pk=edition.pk).update(scheduled_at=timezone.now())
    assert sending.tick()["started"] == 1
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert len(smtp.handler.messages) == 1
    assert not sending.schedule(edition)  # a sent edition cannot be sent again


def test_content_is_frozen_when_sending_starts(smtp, content):
    SubscriberFactory(email="een@example.org")
    SubscriberFactory(email="twee@example.org")
    edition = EditionFactory(subject="Voor")
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
    sending.prepare(edition.pk)
    Edition.objects.filter(pk=edition.pk).update(subject="Na")
    sending.send_batch(edition.pk)
    assert {m["Subject"] for m in smtp.handler.messages} == {"Voor"}
