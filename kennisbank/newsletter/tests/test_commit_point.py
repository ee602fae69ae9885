"""The commit point for real: in a committed (transactional) test, the delivery is committed
as sent before the final dot, on SQLite by the DB-API commit and on PostgreSQL by a COMMIT
written without waiting for its reply. A refusal of the message after that dot must still set
the committed row back (retry or failure), and a later transaction must work normally."""

import pytest
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.newsletter import sending
from kennisbank.newsletter.commitpoint import commit_then
from kennisbank.newsletter.models import Delivery, Subscriber
from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory

from .factories import EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def article(home):
    topic = TopicPageFactory(parent=ThemePageFactory(title="Gedrag"))
    return ArticlePageFactory(
        title="Rust in de klas", topics=[topic], published_date=timezone.localdate()
    )


def test_commit_then_has_committed_when_the_action_runs_even_if_it_fails(home):
    subscriber = SubscriberFactory(email="een@example.org")

    def broken_pipe():
        raise BrokenPipeError("the SMTP server went away")

    with pytest.raises(BrokenPipeError), transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(bounce_count=7)
        commit_then(broken_pipe)
    assert Subscriber.objects.get(pk=subscriber.pk).bounce_count == 7
    # The connection is in a normal state afterwards: a new transaction rolls back as usual.
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber.pk).update(bounce_count=F("bounce_count") + 1)
        transaction.set_rollback(True)
    assert Subscriber.objects.get(pk=subscriber.pk).bounce_count == 7


def test_a_committed_copy_refused_after_its_final_dot_is_set_back(smtp, settings, article):
    settings.NEWSLETTER_BOUNCE_LIMIT = 5
    good = SubscriberFactory(email="goed@example.org")
    bounced = SubscriberFactory(email="weg@example.org")
    full = SubscriberFactory(email="vol@example.org")
    smtp.handler.refuse_data[bounced.email] = "554 5.6.0 Message refused"
    smtp.handler.refuse_data[full.email] = "452 4.3.1 Try again later"

    sending.schedule(EditionFactory())  # the immediate task backend sends it here

    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {good.email: "sent", bounced.email: "failed", full.email: "pending"}
    assert Delivery.objects.get(subscriber=bounced).last_error.startswith("554")
    retry = Delivery.objects.get(subscriber=full)
    assert retry.next_attempt_at > timezone.now() and retry.sent_at is None
    assert Subscriber.objects.get(pk=bounced.pk).bounce_count == 1
    assert [r[0] for r in smtp.handler.recipients] == [good.email]
