import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.core.models import SiteSettings
from kennisbank.offerings.tests.factories import OfferingPageFactory, in_days
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.promotions.tests.factories import PromotionFactory
from kennisbank.questions.tests.factories import ResearchQuestionPageFactory
from kennisbank.related.models import RelatedExclusion, RelatedItem, RelatedPin
from kennisbank.related.reading import related_for
from kennisbank.related.services import compute_for
from kennisbank.taxonomy.tests.factories import TopicPageFactory, sector

pytestmark = pytest.mark.django_db


def own_body(*words) -> list:
    """A body of its own: factory articles share one body, which makes them text-similar."""
    return [{"type": "paragraph", "value": f"<p>{' '.join(words)}</p>"}]


def block(client, page) -> str:
    html = client.get(page.url).content.decode()
    if 'id="related-heading"' not in html:
        return ""
    return html.split('id="related-heading"')[1].split("</aside>")[0]


def shown(page) -> list:
    return [entry.page or entry.promotion for entry in related_for(page)]


def test_block_mixes_types_on_shared_topics_and_leaves_out_what_it_must(client):
    topic = TopicPageFactory()
    article = ArticlePageFactory(topics=[topic])
    sibling = ArticlePageFactory(topics=[topic], short_title="Zusterartikel")
    question = ResearchQuestionPageFactory(topics=[topic], short_title="Vraag erbij")
    event = OfferingPageFactory(topics=[topic], short_title="Komende training")
    past = OfferingPageFactory(
        topics=[topic], short_title="Voorbije training", sessions=[(in_days(-2), in_days(-2, 17))]
    )
    draft = ResearchQuestionPageFactory(topics=[topic], short_title="Conceptvraag", publish=False)
    expired = PromotionFactory(
        title="Verlopen actie",
        topics=[topic],
        starts_at=timezone.now() - datetime.timedelta(days=20),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    promotion = PromotionFactory(title="Lopende actie", topics=[topic])
    unrelated = ArticlePageFactory(
        title="Ventilatie in schoolgebouwen",
        short_title="Ander onderwerp",
        lead="Schoolgebouwen en ventilatie.",
        body=own_body("Over", "luchtkwaliteit", "ventilatie", "gebouwen"),
    )
    related = block(client, article)
    for expected in (sibling.url, question.url, event.url):
        assert expected in related
    for absent in (article.url, past.url, draft.url, unrelated.url):
        assert absent not in related
    assert "Lopende actie" in related and "Advertentie" in related
    assert expired.title not in related
    assert promotion.pk in [p.pk for p in shown(article) if hasattr(p, "target_url")]


def test_text_similarity_finds_related_items_without_a_shared_topic():
    about = "Executieve functies zoals werkgeheugen en planning bij jonge kinderen in de klas."
    source = ArticlePageFactory(title="Werkgeheugen en planning", lead=about)
    similar = ResearchQuestionPageFactory(
        title="Helpt werkgeheugentraining bij planning?",
        lead="Werkgeheugen, planning en executieve functies van jonge kinderen.",
    )
    different = ResearchQuestionPageFactory(
        title="Wat kost een schoolreis?", lead="Over budgetten van ouderraden en kampen."
    )
    items = shown(source)
    assert similar in items
    assert different not in items


def test_at_most_n_per_type_and_other_types_keep_a_place(settings):
    settings.KENNISBANK_RELATED_PER_TYPE = 2
    settings.KENNISBANK_RELATED_TOTAL = 3
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    for _ in range(5):
        ArticlePageFactory(topics=[topic])
    question = ResearchQuestionPageFactory(topics=[topic])
    items = shown(source)
    assert len(items) == 3
    assert sum(1 for item in items if type(item) is type(source)) == 2
    assert question in items


def test_past_events_drop_out_at_read_time_without_recomputation():
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    soon = OfferingPageFactory(topics=[topic], sessions=[(in_days(1, 9), in_days(1, 12))])
    assert soon in shown(source)
    tomorrow_evening = in_days(1, 20)
    assert soon not in [e.page for e in related_for(source, now=tomorrow_evening)]


def test_unpublishing_removes_the_page_from_other_blocks():
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    other = ArticlePageFactory(topics=[topic])
    assert other in shown(source)
    other.unpublish()
    assert other not in shown(source)
    assert not RelatedItem.objects.filter(target_page=other).exists()


def test_publishing_new_content_updates_existing_blocks():
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    assert shown(source) == []
    newcomer = ResearchQuestionPageFactory(topics=[topic])
    assert shown(source) == [newcomer]


def test_pins_come_first_and_exclusions_never_appear():
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    excluded = ArticlePageFactory(topics=[topic], short_title="Uitgesloten")
    kept = ArticlePageFactory(topics=[topic])
    pinned = ResearchQuestionPageFactory(short_title="Vastgezet")  # no shared topic at all
    draft = ArticlePageFactory(publish=False)
    RelatedPin.objects.create(page=source, target=pinned, sort_order=0)
    RelatedPin.objects.create(page=source, target=draft, sort_order=1)
    RelatedPin.objects.create(page=source, target=source, sort_order=2)
    RelatedExclusion.objects.create(page=source, target=excluded)
    compute_for(source.pk)
    items = shown(source)
    assert items[0] == pinned
    assert kept in items
    assert excluded not in items
    assert draft not in items and source not in items


def test_pinned_past_event_is_not_shown():
    source = ArticlePageFactory()
    past = OfferingPageFactory(sessions=[(in_days(-5), in_days(-5, 12))])
    RelatedPin.objects.create(page=source, target=past)
    compute_for(source.pk)
    assert past not in shown(source)


class EditorCurationTests(WagtailPageTestCase):
    """Pins and exclusions are edited on the page's "Related" tab and take effect on publish."""

    def setUp(self):
        user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(user)

    def test_editor_pins_and_excludes_through_the_page_editor(self):
        topic = TopicPageFactory()
        author = AuthorFactory()
        article = ArticlePageFactory(topics=[topic], authors=[author])
        unwanted = ArticlePageFactory(topics=[topic])
        wanted = ResearchQuestionPageFactory()
        self.assertIn(unwanted, shown(article))
        data = nested_form_data(
            {
                "title": article.title,
                "short_title": article.short_title,
                "slug": article.slug,
                "lead": article.lead,
                "article_authors": inline_formset(
                    [{"id": article.article_authors.get().pk, "author": author.pk}], initial=1
                ),
                "body": streamfield([("paragraph", rich_text("<p>Tekst.</p>"))]),
                "literature_links": inline_formset([]),
                "page_topics": inline_formset(
                    [{"id": article.page_topics.get().pk, "topic": topic.pk}], initial=1
                ),
                "sectors": [sector("po").pk],
                "content_label": "opinie",
                "related_pins": inline_formset([{"target": wanted.pk}]),
                "related_exclusions": inline_formset([{"target": unwanted.pk}]),
                "published_date": "2024-05-01",
                "updated_date": "",
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/admin/pages/{article.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertEqual(article.content_label, "opinie")
        items = shown(article)
        self.assertEqual(items[0], wanted)
        self.assertNotIn(unwanted, items)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_view_query_count_is_bounded_with_a_full_related_block(client):
    """A block of one item and a full block (every type, a promotion, pins) cost the same."""
    SiteSettings.load()
    small_topic = TopicPageFactory()
    small = ArticlePageFactory(
        title="Breuken",
        lead="Rekenen met breuken.",
        topics=[small_topic],
        body=own_body("Rekenen", "breuken"),
    )
    ArticlePageFactory(
        title="Werkwoorden",
        lead="Spelling van werkwoorden.",
        topics=[small_topic],
        body=own_body("Spelling", "werkwoorden"),
    )
    topic = TopicPageFactory()
    full = ArticlePageFactory(topics=[topic], body=own_body("Lezen", "begrip"))
    for _ in range(4):
        ArticlePageFactory(topics=[topic], authors=[AuthorFactory(), AuthorFactory()])
        ResearchQuestionPageFactory(topics=[topic])
        OfferingPageFactory(
            topics=[topic], sessions=[(in_days(3, 9), None), (in_days(10, 9), in_days(10, 12))]
        )
    PromotionFactory(topics=[topic])
    RelatedPin.objects.create(page=full, target=ResearchQuestionPageFactory())
    compute_for(full.pk)
    assert len(related_for(full)) == 8
    # The small page gets items of every type too, so both views run the same per-type queries.
    ResearchQuestionPageFactory(topics=[small_topic])
    OfferingPageFactory(topics=[small_topic])
    PromotionFactory(topics=[small_topic])
    assert len(related_for(small)) == 4
    counts = {}
    for name, page in (("small", small), ("full", full)):
        cache.clear()
        counts[name, "cold"] = count_queries(client, page.url)
        counts[name, "warm"] = count_queries(client, page.url)
    assert counts["full", "cold"] == counts["small", "cold"]
    assert counts["full", "warm"] == counts["small", "warm"]
    assert counts["full", "cold"] <= 38
    assert counts["full", "warm"] <= 12


def test_a_draft_revision_does_not_change_the_live_block():
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    other = ArticlePageFactory(topics=[topic])
    draft = source.get_latest_revision_as_object()
    draft.related_exclusions = [RelatedExclusion(target=other)]
    draft.save_revision()  # saved, not published
    compute_for(source.pk)
    assert other in shown(source)


def test_block_is_empty_for_a_page_that_is_not_content(home):
    assert compute_for(home.pk) == 0
    assert related_for(home) == []


def test_topic_page_filters_on_content_label(client):
    topic = TopicPageFactory()
    article = ArticlePageFactory(topics=[topic], short_title="Gewoon artikel")
    opinion = ArticlePageFactory(topics=[topic], short_title="Een mening", content_label="opinie")
    question = ResearchQuestionPageFactory(topics=[topic], short_title="Een kennisvraag")

    def main(**params) -> str:
        return client.get(topic.url, params).content.decode().split('id="main"')[1]

    everything = main()
    assert all(p.short_title in everything for p in (article, opinion, question))
    assert "Opinie (1)" in everything and "Onderzoekssamenvatting (1)" in everything
    only_opinion = main(soort="opinie")
    assert opinion.short_title in only_opinion
    assert article.short_title not in only_opinion and question.short_title not in only_opinion
    only_questions = main(soort="onderzoekssamenvatting")
    assert question.short_title in only_questions and article.short_title not in only_questions
    unknown = main(soort="bestaat-niet")  # ignored: everything is shown
    assert all(p.short_title in unknown for p in (article, opinion, question))


def test_deleting_a_page_recomputes_the_blocks_that_showed_it(
    django_capture_on_commit_callbacks,
):
    topic = TopicPageFactory()
    source = ArticlePageFactory(topics=[topic])
    doomed = ResearchQuestionPageFactory(topics=[topic])
    assert shown(source) == [doomed]
    with django_capture_on_commit_callbacks(execute=True):
        doomed.delete()
    assert shown(source) == []
    assert RelatedItem.objects.filter(source=source).count() == 0
    # No row may come from or point at the deleted page (the database checks the foreign keys
    # at the end of the test, too).
    assert not RelatedItem.objects.filter(source_id=doomed.pk).exists()
    assert not RelatedItem.objects.filter(target_page_id=doomed.pk).exists()
