"""Queries that list content filed under topics, across all content types."""

from collections import defaultdict

from django.db.models import Exists, OuterRef
from wagtail.models import Page


def filed_items(topics):
    """Live, public content pages filed under any of `topics`, newest first, as their specific
    types. Costs one query for the rows plus one per content type among them."""
    from .models import PageTopic

    filed = PageTopic.objects.filter(page=OuterRef("pk"), topic__in=topics)
    return (
        Page.objects.live()
        .public()
        .filter(Exists(filed))
        .order_by("-first_published_at", "-pk")
        .specific()
    )


def as_cards(pages) -> list:
    """Evaluates `pages` and lets each content type fetch what its cards show (authors, …) in
    one query per type instead of one per card."""
    pages = list(pages)
    by_type = defaultdict(list)
    for page in pages:
        by_type[type(page)].append(page)
    for model, group in by_type.items():
        prepare = getattr(model, "prepare_cards", None)
        if prepare is not None:
            prepare(group)
    return pages


def related_by_topic(page, limit: int):
    """Other live content sharing topics with `page`: most shared topics first, then newest.
    One query for the rows plus one per content type among them."""
    from django.db.models import Count, Q

    from .models import PageTopic

    topic_ids = [topic.pk for topic in page.topics]
    if not topic_ids:
        return []
    shared = Count("page_topics", filter=Q(page_topics__topic_id__in=topic_ids))
    candidates = (
        PageTopic.objects.filter(topic_id__in=topic_ids).exclude(page_id=page.pk).values("page_id")
    )
    return list(
        Page.objects.live()
        .public()
        .filter(pk__in=candidates)
        .annotate(shared_topics=shared)
        .order_by("-shared_topics", "-first_published_at", "-pk")
        .specific()[:limit]
    )
