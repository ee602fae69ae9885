"""Resolve a public URL to its page with one query instead of one (or two) per path segment.

Wagtail's default routing walks the tree from the site root: `get_children().get(slug=…)` and
`.specific` for every segment, four queries for /artikel/<slug>/. Pages already store their full
`url_path`, so the page that owns a URL is one indexed lookup away. The (id, content type) for a
path is cached until published content changes; pages with custom routing (RoutablePageMixin)
below a matched path fall back to Wagtail's walk."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page

from .cache import versioned_key

_MISSING = (None, None)


def specific_page_at(url_path: str):
    """The specific page whose url_path is `url_path`, or None."""
    key = versioned_key("route:" + url_path)
    found = cache.get(key)
    if found is None:
        row = Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first()
        found = row or _MISSING
        cache.set(key, found, timeout=60 * 60)
    page_id, content_type_id = found
    if page_id is None:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model.objects.filter(pk=page_id).first()
