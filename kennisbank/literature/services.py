"""Rendering an article's citation and literature list and storing the HTML, creating references
from CSL-JSON or free text without duplicates, and numbering published versions."""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from kennisbank.core.bulk import bulk_insert, send_created

from . import csl as csl_lib
from .anchors import entry_key
from .models import ArticleVersion, LiteratureSettings, Reference, ReferenceName
from .render import render_items, render_one

logger = logging.getLogger(__name__)


def particle_convention() -> str:
    return LiteratureSettings.load().particle_convention


def anchor_id(reference_id) -> str:
    return f"ref-{reference_id}"


def render_literature(references: list[Reference], convention: str) -> tuple[str, dict]:
    """(list HTML, in-text anchors) for the references, in APA order."""
    unique = list({ref.pk: ref for ref in references}.values())
    items = [ref.csl_item for ref in unique]
    rendered = render_items(items, convention)
    by_id = {str(ref.pk): ref for ref in unique}
    anchors = {}
    for entry in rendered.entries:
        family = csl_lib.first_family(by_id[entry.id].csl)
        if family and entry.year_label:
            anchors.setdefault(entry_key(family, entry.year_label), anchor_id(entry.id))
    html = format_html(
        '<ul class="literature__list">{}</ul>',
        format_html_join(
            "",
            '<li id="{}" class="literature__entry">{}</li>',
            ((anchor_id(entry.id), mark_safe(entry.html)) for entry in rendered.entries),  # noqa: S308 - sanitised by nh3 in render.py
        ),
    )
    return (html if rendered.entries else ""), anchors


def render_article(page_id: int) -> float | None:
    """Render and store the live article's citation and literature list, and the same for its
    newest published version. Returns the seconds spent, or None if there is no such page."""
    from kennisbank.articles.models import ArticlePage

    page = ArticlePage.objects.filter(pk=page_id).first()
    if page is None:
        return None
    started = time.perf_counter()
    convention = particle_convention()
    page.authors = [link.author for link in page.article_authors.select_related("author")]
    citation = render_one(page.get_citation_item(), convention)
    # Straight from the database: the page's cached relations may predate the change that
    # triggered this render.
    references = [link.reference for link in page.literature_links.select_related("reference")]
    literature_html, anchors = render_literature(references, convention)
    versions = list(ArticleVersion.objects.filter(page_id=page.pk).order_by("-number"))
    ArticlePage.objects.filter(pk=page.pk).update(
        citation_rendered=citation,
        literature_html=literature_html,
        literature_anchors=anchors,
        literature_rendered_at=timezone.now(),
        version_log=[
            {
                "number": v.number,
                "published_at": v.published_at.isoformat(),
                "change_summary": v.change_summary,
            }
            for v in versions
        ],
    )
    if versions:
        render_version(versions[0], page, convention, literature_html)
    seconds = time.perf_counter() - started
    logger.info("rendered literature of article %s in %.3f s", page_id, seconds)
    return seconds


def render_version(version, current_page, convention, literature_html=None) -> None:
    """The version's own citation (dated by that version) and, unless given, its literature."""
    revision_page = version.revision.as_object() if version.revision_id else current_page
    revision_page.site_name = current_page.get_site_name()
    issued = revision_page.updated_date or revision_page.published_date
    version.citation_html = render_one(revision_page.get_citation_item(issued=issued), convention)
    if literature_html is None:
        literature_html, _anchors = render_literature(revision_page.references, convention)
    version.literature_html = literature_html
    version.save(update_fields=["citation_html", "literature_html"])


@transaction.atomic
def record_version(page, revision) -> ArticleVersion:
    """Number a newly published revision. The change summary is the one the editor filled in
    for this publish; a summary identical to the previous version's was left over, not new."""
    last = (
        ArticleVersion.objects.select_for_update()
        .filter(page_id=page.pk)
        .order_by("-number")
        .first()
    )
    summary = (page.change_summary or "").strip()
    if last is not None and summary == last.change_summary:
        summary = ""
    number = (last.number if last is not None else 0) + 1  # `last` has the highest number
    published_at = revision.created_at if revision else timezone.now()
    if number == 1 and page.first_published_at:
        # The first version is dated by the article's public date (imported and demo articles
        # keep their original date; ContentPage copies it into first_published_at).
        published_at = min(published_at, page.first_published_at)
    return ArticleVersion.objects.create(
        page_id=page.pk,
        number=number,
        revision=revision,
        published_at=published_at,
        change_summary=summary,
    )


def reference_for_item(
    item: dict, *, raw_text: str = "", needs_review: bool = False
) -> tuple[Reference, bool]:
    """The existing reference for the same work, or a new one saved from the item: (reference,
    created). Raises InvalidCSL before anything is written."""
    candidate = Reference.from_csl(item, raw_text=raw_text, needs_review=needs_review)
    existing = Reference.objects.filter(fingerprint=csl_lib.fingerprint(candidate.build_csl()))
    found = existing.order_by("pk").first()
    if found is not None:
        return found, False
    candidate.save()
    return candidate, True


def references_for_items(
    entries: list[tuple[dict, str, bool]], *, valid: bool = False
) -> list[Reference]:
    """`reference_for_item` for many (item, raw text, needs review) entries at once: the works
    are matched in one query, and the new references, with their names, are inserted in one
    statement each, followed by the `post_save` signals their `save()` would have sent (search
    and reference indexes). Entries naming the same work share one reference. Raises
    InvalidCSL before anything is written. `valid`: the items come from `parse_free_text`,
    which has validated them."""
    return references_for_candidates(
        [
            prepared_reference(item, raw_text=raw_text, needs_review=needs_review, valid=valid)
            for item, raw_text, needs_review in entries
        ]
    )


def prepared_reference(
    item: dict, *, raw_text: str = "", needs_review: bool = False, valid: bool = False
) -> Reference:
    """An unsaved reference, validated and fingerprinted, ready for `references_for_candidates`.
    Needs no database, so it can be made in another process. Raises InvalidCSL."""
    candidate = Reference.from_csl(item, raw_text=raw_text, needs_review=needs_review, valid=valid)
    candidate.prepare_for_saving()
    return candidate


def references_for_candidates(candidates: list[Reference]) -> list[Reference]:
    """For each prepared reference, the existing one for the same work (the oldest), or the
    candidate itself, now saved."""
    found = {}
    for reference in Reference.objects.filter(
        fingerprint__in={candidate.fingerprint for candidate in candidates}
    ).order_by("-pk"):
        found[reference.fingerprint] = reference  # the oldest one wins
    new = []
    for candidate in candidates:
        if candidate.fingerprint not in found:
            found[candidate.fingerprint] = candidate
            new.append(candidate)
    if new:
        _insert_references(new)
    return [found[candidate.fingerprint] for candidate in candidates]


@transaction.atomic
def _insert_references(references: list[Reference]) -> None:
    bulk_insert(Reference, references)
    names = []
    for reference in references:
        for order, name in enumerate(reference.names.all()):
            name.reference, name.sort_order = reference, order
            names.append(name)
    bulk_insert(ReferenceName, names)
    send_created([*references, *names])


def reference_for_text(text: str) -> tuple[Reference, bool]:
    """A reference for a free-text string: matched by its raw text first, then by the parsed
    work; new ones keep the text and are flagged for review when the conversion was unsure."""
    from .conversion import parse_free_text

    text = " ".join(text.split())
    found = Reference.objects.filter(raw_text=text).order_by("pk").first()
    if found is not None:
        return found, False
    item, needs_review = parse_free_text(text)
    return reference_for_item(item, raw_text=text, needs_review=needs_review)


@transaction.atomic
def import_items(items: list) -> list[tuple[Reference, bool]]:
    """Import a CSL-JSON list: all items or none (the first invalid one raises InvalidCSL)."""
    if not isinstance(items, list):
        raise csl_lib.InvalidCSL("A CSL-JSON file holds a list of items.")
    for index, item in enumerate(items):
        try:
            csl_lib.validate_item({"id": "new", **item} if isinstance(item, dict) else item)
        except csl_lib.InvalidCSL as error:
            raise csl_lib.InvalidCSL(f"Item {index + 1}: {' '.join(error.messages)}") from error
    return [reference_for_item({k: v for k, v in item.items() if k != "id"}) for item in items]
