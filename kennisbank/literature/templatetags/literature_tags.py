import datetime
from types import SimpleNamespace

from django import template
from django.utils.safestring import mark_safe

from ..anchors import link_citations as _link_citations
from ..models import ArticleVersion
from ..views import version_url

register = template.Library()


@register.filter(is_safe=True)
def link_citations(html, anchors):
    """Link "(Wallin, 2010)" in rendered body HTML to the literature entry (see anchors.py)."""
    return mark_safe(_link_citations(str(html), anchors or {}))  # noqa: S308 - input is the rendered, sanitised body


@register.simple_tag
def article_versions(page) -> list:
    """The article's published versions, newest first, each with its URL: from the log stored
    by the render task, or one query when there is none yet."""
    if not page.pk:
        return []
    if page.version_log:
        versions = [
            SimpleNamespace(
                number=entry["number"],
                published_at=datetime.datetime.fromisoformat(entry["published_at"]),
                change_summary=entry["change_summary"],
            )
            for entry in page.version_log
        ]
    else:
        versions = list(
            ArticleVersion.objects.filter(page_id=page.pk)
            .order_by("-number")
            .only("number", "published_at", "change_summary", "page_id")
        )
    for version in versions:
        version.url = version_url(page, version.number)
    return versions
