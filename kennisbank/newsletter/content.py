"""What an edition contains, frozen as a snapshot when sending starts, and which part of it a
given subscriber receives (only items in their themes)."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.models import Page

from kennisbank.core.links import relative_url_for_path
from kennisbank.taxonomy.models import PageTopic, ThemePage

# Automatic editions list at most this many items per theme.
MAX_ITEMS_PER_THEME = 8
DEFAULT_LOOKBACK = datetime.timedelta(days=30)


def absolute(url: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def automatic_since(edition) -> datetime.datetime:
    """Where "new since the last edition" starts: the editor's date, else the moment the
    previous edition started sending, else 30 days ago."""
    from .models import Edition

    if edition.since:
        return edition.since
    previous = (
        Edition.objects.filter(started_at__isnull=False)
        .exclude(pk=edition.pk)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return previous or timezone.now() - DEFAULT_LOOKBACK


def build_snapshot(edition) -> dict:
    themes = list(
        ThemePage.objects.live().public().order_by("path").values("pk", "path", "title", "url_path")
    )
    if edition.mode == edition.Mode.CHOSEN:
        ids = [item.page_id for item in edition.items.all()]
        pages = Page.objects.live().public().filter(pk__in=ids).specific().in_bulk()
        pages = [pages[pk] for pk in ids if pk in pages]
        since = None
    else:
        since = automatic_since(edition)
        filed = PageTopic.objects.filter(page=OuterRef("pk"))
        pages = list(
            Page.objects.live()
            .public()
            .filter(Exists(filed), first_published_at__gt=since)
            .order_by("-first_published_at", "-pk")
            .specific()[:500]
        )
    themes_by_page = _themes_by_page([p.pk for p in pages], themes)
    items = []
    per_theme: dict[int, int] = {}
    for page in pages:
        page_themes = themes_by_page.get(page.pk, [])
        if edition.mode == edition.Mode.AUTOMATIC:
            if page_themes and all(per_theme.get(t, 0) >= MAX_ITEMS_PER_THEME for t in page_themes):
                continue
            for t in page_themes:
                per_theme[t] = per_theme.get(t, 0) + 1
        url = relative_url_for_path(page.url_path) or "/"
        published = getattr(page, "published_date", None)
        items.append(
            {
                "id": page.pk,
                "title": page.title,
                "lead": getattr(page, "lead", "") or page.search_description or "",
                "url": absolute(url),
                "date": published.isoformat() if published else None,
                "themes": page_themes,
                "sectors": [s.pk for s in page.sectors.all()] if hasattr(page, "sectors") else [],
            }
        )
    return {
        "subject": edition.subject,
        "intro": edition.intro,
        "since": since.isoformat() if since else None,
        "themes": [
            {
                "id": t["pk"],
                "title": t["title"],
                "url": absolute(relative_url_for_path(t["url_path"]) or "/"),
            }
            for t in themes
        ],
        "items": items,
    }


def _themes_by_page(page_ids, themes) -> dict[int, list[int]]:
    if not themes:
        return {}
    by_path = {t["path"]: t["pk"] for t in themes}
    length = len(themes[0]["path"])
    result: dict[int, list[int]] = {}
    links = PageTopic.objects.filter(page_id__in=page_ids).values_list("page_id", "topic__path")
    for page_id, topic_path in links:
        theme_id = by_path.get(topic_path[:length])
        if theme_id is not None and theme_id not in result.setdefault(page_id, []):
            result[page_id].append(theme_id)
    return result


def sections_for(snapshot: dict, theme_ids: set[int] | None, sector_id: int | None = None):
    """The snapshot's items for one subscriber, grouped by theme in menu order: each item once,
    under the first of its themes the subscriber chose. `theme_ids` None means all themes.
    Items for the subscriber's sector come first within a theme. Returns [] when nothing fits."""
    sections = []
    seen = set()
    for theme in snapshot.get("themes", []):
        if theme_ids is not None and theme["id"] not in theme_ids:
            continue
        items = [
            item
            for item in snapshot.get("items", [])
            if theme["id"] in item["themes"] and item["id"] not in seen
        ]
        if sector_id is not None:
            items.sort(key=lambda item: sector_id not in item["sectors"])
        if items:
            seen.update(item["id"] for item in items)
            sections.append({"theme": theme, "items": items})
    if theme_ids is None:
        # Chosen items outside any theme still go to readers of every theme.
        rest = [item for item in snapshot.get("items", []) if item["id"] not in seen]
        if rest:
            sections.append({"theme": None, "items": rest})
    return sections
