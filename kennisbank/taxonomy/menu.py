"""The theme menu shown on every page: each theme with the short titles of the items filed
under its topics. Built from a handful of `values()` queries and cached as rendered HTML until
published content changes (see core.cache)."""

from collections import defaultdict

from django.core.cache import cache
from django.template.loader import render_to_string

from kennisbank.core.cache import versioned_key
from kennisbank.core.links import relative_url_for_path

from .models import PageTopic, ThemePage
from .models.content import content_page_models


def build_theme_menu() -> list[dict]:
    themes = list(
        ThemePage.objects.live().public().order_by("path").values("path", "title", "url_path")
    )
    links = PageTopic.objects.filter(page__live=True, topic__live=True).values_list(
        "page_id", "topic__path"
    )
    theme_path_length = len(themes[0]["path"]) if themes else 0
    page_ids_by_theme = defaultdict(set)
    for page_id, topic_path in links:
        page_ids_by_theme[topic_path[:theme_path_length]].add(page_id)

    all_ids = set().union(*page_ids_by_theme.values()) if page_ids_by_theme else set()
    items_by_id = {}
    for model in content_page_models():
        rows = (
            model.objects.live()
            .public()
            .filter(pk__in=all_ids)
            .values_list("pk", "short_title", "url_path")
        )
        for pk, short_title, url_path in rows:
            url = relative_url_for_path(url_path)
            if url:
                items_by_id[pk] = {"title": short_title, "url": url}

    menu = []
    for theme in themes:
        items = [
            items_by_id[pk] for pk in page_ids_by_theme.get(theme["path"], ()) if pk in items_by_id
        ]
        items.sort(key=lambda item: item["title"].casefold())
        menu.append(
            {
                "title": theme["title"],
                "url": relative_url_for_path(theme["url_path"]),
                "items": items,
            }
        )
    return menu


def rendered_theme_menu() -> str:
    key = versioned_key("theme-menu")
    html = cache.get(key)
    if html is None:
        html = render_to_string("taxonomy/includes/theme_menu.html", {"menu": build_theme_menu()})
        cache.set(key, html, timeout=60 * 60 * 24)
    return html
