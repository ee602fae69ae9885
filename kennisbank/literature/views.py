"""Article sub-pages: a published version (/artikel/<slug>/versie/<n>/) and the citation and
literature exports (/artikel/<slug>/citeren.ris, /artikel/<slug>/literatuur.bib, …)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from .exports import FORMATS, export
from .models import ArticleVersion

EXPORT_NAMES = {"citeren": "citeren", "literatuur": "literatuur"}


def version_url(page, number: int) -> str:
    return f"{page.url}versie/{number}/"


def _load_relations(old) -> None:
    """A revision's links hold only ids: load their references and authors in two queries
    instead of one per link."""
    from kennisbank.people.models import Author

    from .models import Reference

    links = list(old.literature_links.all())
    references = Reference.objects.in_bulk([link.reference_id for link in links])
    for link in links:
        link.reference = references.get(link.reference_id)
    old.references = [link.reference for link in links if link.reference is not None]
    author_links = list(old.article_authors.all())
    authors = Author.objects.in_bulk([link.author_id for link in author_links])
    old.authors = [authors[link.author_id] for link in author_links if link.author_id in authors]


def article_version(request, page, number: int):
    version = (
        ArticleVersion.objects.select_related("revision")
        .filter(page_id=page.pk, number=number)
        .first()
    )
    if version is None or version.revision is None:
        raise Http404
    latest_number = (
        ArticleVersion.objects.filter(page_id=page.pk)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    old = version.revision.as_object()
    _load_relations(old)
    old.site_name = page.get_site_name()
    # The version's references have the same ids: link its in-text citations like the current.
    old.literature_anchors = page.literature_anchors
    context = old.get_context(request)
    context.update(
        {
            "page": old,
            "self": old,
            "current_page": page,
            "version": version,
            "is_current_version": number == latest_number,
            "citation": version.citation_html,
            "cite_url": f"{page.get_full_url(request)}versie/{number}/",
            "literature_html": version.literature_html,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def article_export(request, page, what: str, fmt: str):
    if what not in EXPORT_NAMES or fmt not in FORMATS:
        raise Http404
    if what == "citeren":
        items = [page.get_citation_item(url=page.get_full_url(request))]
    else:
        items = [{**ref.csl, "id": f"ref-{ref.pk}"} for ref in page.references]
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(export(items, fmt), content_type=f"{content_type}; charset=utf-8")
    filename = f"{page.slug}-{EXPORT_NAMES[what]}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
