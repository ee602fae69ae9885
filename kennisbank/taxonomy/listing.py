"""Queries that list content filed under topics, across all content types."""

from collections import defaultdict

from django.db.models import Exists, OuterRef
from wagtail.models import Page


def filed_items(topics, label: str | None = None):
    """Live, public content pages filed under any of `topics`, newest first, as their specific
    types, without expired ones (past events). Costs one query for the rows plus one per content
    type among them. With `label`, only pages with that content label."""
    from .models import PageTopic

    filed = PageTopic.objects.filter(page=OuterRef("pk"), topic__in=topics)
    pages = Page.objects.live().public().filter(Exists(filed)).exclude(_expired())
    if label:
        pages = pages.filter(_with_label(label))
    return pages.order_by("-first_published_at", "-pk").specific()


def _expired():
    """Pages that have left listings by themselves (past events): each content type may define
    `expired_pages(now)`. One subquery per such type, still one query."""
    from django.db.models import Q
    from django.utils import timezone

    from .models.content import content_page_models

    now = timezone.now()
    condition = Q(pk__in=[])
    for model in content_page_models():
        expired = getattr(model, "expired_pages", None)
        if expired is not None:
            condition |= Q(pk__in=expired(now).values("pk"))
    return condition


def _with_label(label: str):
    # The label is a column of each content type's own table: one subquery per type, still one
    # query in all.
    from django.db.models import Q

    from .models.content import content_page_models

    condition = Q(pk__in=[])
    for model in content_page_models():
        condition |= Q(pk__in=model.objects.filter(content_label=label).values("pk"))
    return condition


def label_counts(topics) -> list[tuple[str, str, int]]:
    """(label, display name, number of live items) for the labels used under `topics`, in the
    order of ContentLabel: one query per content type."""
    from django.db.models import Count

    from .models import ContentLabel, PageTopic
    from .models.content import content_page_models

    filed = PageTopic.objects.filter(page=OuterRef("pk"), topic__in=topics)
    counts: dict[str, int] = defaultdict(int)
    for model in content_page_models():
        rows = (
            model.objects.live()
            .public()
            .filter(Exists(filed))
            .exclude(_expired())
            .values("content_label")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            counts[row["content_label"]] += row["n"]
    return [(value, name, counts[value]) for value, name in ContentLabel.choices if counts[value]]


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
