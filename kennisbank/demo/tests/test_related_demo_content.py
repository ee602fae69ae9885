"""The demo's research questions, offerings and promotions, and the issue's goal for the
"Related" block on the demo site."""

import pytest
import yaml
from django.utils import timezone

from kennisbank.articles.models import ArticlePage
from kennisbank.demo.loader import CONTENT_DIR, load_demo, read_front_matter
from kennisbank.offerings.models import OfferingPage, Provider
from kennisbank.promotions.models import Promotion
from kennisbank.questions.models import ResearchQuestionPage
from kennisbank.related.reading import related_for
from kennisbank.taxonomy.models import PageTopic


def test_demo_files_meet_the_brief():
    questions = sorted((CONTENT_DIR / "questions").glob("*.md"))
    assert len(questions) >= 8
    strengths = set()
    for path in questions:
        meta, body = read_front_matter(path)
        assert meta["sources"] and meta["answered_by"], path.name
        assert len(body.split()) >= 80, path.name
        strengths.add(meta["evidence"])
    assert "niet-onderzocht" in strengths
    providers = yaml.safe_load((CONTENT_DIR / "providers.yaml").read_text(encoding="utf-8"))
    offerings = yaml.safe_load((CONTENT_DIR / "offerings.yaml").read_text(encoding="utf-8"))
    assert len(providers) >= 4
    assert len(offerings) >= 10
    days = [s["days"] for o in offerings for s in o["sessions"]]
    assert min(days) < 0 < max(days)  # some past, some upcoming
    assert any(len(o["providers"]) > 1 and o["kind"] == "evenement" for o in offerings)


@pytest.mark.django_db
def test_demo_loads_once_and_every_article_block_meets_the_goal():
    load_demo()
    counts = (
        ResearchQuestionPage.objects.count(),
        OfferingPage.objects.count(),
        Provider.objects.count(),
        Promotion.objects.count(),
    )
    assert counts[0] >= 8 and counts[1] >= 10 and counts[2] >= 4
    report = load_demo()
    assert report.created == []
    assert counts == (
        ResearchQuestionPage.objects.count(),
        OfferingPage.objects.count(),
        Provider.objects.count(),
        Promotion.objects.count(),
    )
    now = timezone.now()
    assert any(o.is_past(now) for o in OfferingPage.objects.all())
    topics_of = {}
    for page_id, topic_id in PageTopic.objects.values_list("page_id", "topic_id"):
        topics_of.setdefault(page_id, set()).add(topic_id)
    others = [
        p
        for model in (ResearchQuestionPage, OfferingPage)
        for p in model.objects.live()
        if not getattr(p, "is_past", lambda: False)()
    ]
    for article in ArticlePage.objects.live():
        entries = related_for(article)
        pages = [e.page for e in entries if e.page]
        assert article not in pages
        assert all(p.live for p in pages)
        assert not any(isinstance(p, OfferingPage) and p.is_past(now) for p in pages)
        assert all(e.promotion.is_active(now) for e in entries if e.promotion)
        own = topics_of.get(article.pk, set())
        if any(own & topics_of.get(o.pk, set()) for o in others):
            assert any(not isinstance(p, ArticlePage) for p in pages), article.slug
