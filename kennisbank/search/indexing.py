"""From content pages to IndexDocuments. Every ContentPage subclass is indexed, so new content
types are searchable without changes here: the title, short title, lead and search description
are the summary fields, topics, themes and authors the meta field, and every other
`search_fields` entry of the page type (its body, …) the body field."""

from collections.abc import Iterable, Iterator

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from kennisbank.taxonomy.models import ContentPage, PageTopic, ThemePage, TopicPage
from kennisbank.taxonomy.models.content import content_page_models

from .engine import IndexDocument

SUMMARY_FIELDS = {"title", "short_title", "lead", "search_description", "seo_title"}


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def content_type_label(model) -> str:
    return model._meta.label_lower


def _block_text(block, value) -> list[str]:
    """Searchable text of a StreamField value without the labels of choice blocks (a heading's
    level, a list's style), which Wagtail's get_searchable_content would include."""
    from wagtail import blocks

    if isinstance(block, blocks.ChoiceBlock | blocks.MultipleChoiceBlock):
        return []
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in _block_text(child, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_text(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in _block_text(child.block, child.value)]
    return block.get_searchable_content(value)


def _field_text(page, name: str) -> str:
    value = getattr(page, name, None)
    if value is None:
        return ""
    try:
        field = page._meta.get_field(name)
    except Exception:  # a property or method named in search_fields
        field = None
    if field is not None and hasattr(field, "stream_block"):
        parts = _block_text(field.stream_block, value)
    elif field is not None and hasattr(field, "get_searchable_content"):
        parts = field.get_searchable_content(value)
    elif callable(value):
        parts = [value()]
    else:
        parts = [value]
    return " ".join(strip_tags(str(p)) for p in parts if p)


def _body_text(page) -> str:
    names = []
    for search_field in page.search_fields:
        name = getattr(search_field, "field_name", "")
        if (
            isinstance(search_field, index.SearchField)
            and name not in SUMMARY_FIELDS
            and name not in names
        ):
            names.append(name)
    return "\n".join(t for t in (_field_text(page, n) for n in names) if t)


def _topics_and_themes(pages: list) -> dict[int, tuple[list[str], list[int], list[str]]]:
    """page id -> (topic titles, theme ids, theme titles), in a few queries for all pages."""
    links = list(
        PageTopic.objects.filter(page_id__in=[p.pk for p in pages]).values_list(
            "page_id", "topic_id"
        )
    )
    topics = {
        t.pk: t
        for t in TopicPage.objects.filter(pk__in={t for _, t in links}).only(
            "title", "path", "depth"
        )
    }
    steplen = Page.steplen
    themes_by_path = {
        t.path: t
        for t in ThemePage.objects.filter(
            path__in={t.path[:-steplen] for t in topics.values()}
        ).only("title", "path")
    }
    out: dict[int, tuple[list[str], list[int], list[str]]] = {}
    for page_id, topic_id in links:
        topic = topics.get(topic_id)
        if topic is None:
            continue
        titles, theme_ids, theme_titles = out.setdefault(page_id, ([], [], []))
        titles.append(topic.title)
        theme = themes_by_path.get(topic.path[:-steplen])
        if theme is not None and theme.pk not in theme_ids:
            theme_ids.append(theme.pk)
            theme_titles.append(theme.title)
    return out


def documents_for_pages(pages: Iterable[ContentPage]) -> list[IndexDocument]:
    pages = [p for p in pages if isinstance(p, ContentPage)]
    if not pages:
        return []
    taxonomy = _topics_and_themes(pages)
    sectors: dict[int, list[str]] = {}
    docs = []
    for page in pages:
        topic_titles, theme_ids, theme_titles = taxonomy.get(page.pk, ([], [], []))
        sectors[page.pk] = [s.code for s in page.sectors.all()]
        authors = [a.full_name for a in getattr(page, "authors", []) or []]
        body = _body_text(page)
        summary_text = " ".join(
            t for t in (page.short_title, page.lead, page.search_description) if t
        )
        docs.append(
            IndexDocument(
                key=page_key(page.pk),
                page_id=page.pk,
                title=page.title,
                fields={
                    "title": page.title,
                    "summary": summary_text,
                    "meta": " ".join(topic_titles + theme_titles + authors),
                    "body": body,
                },
                url=page.get_url() or "",
                summary=page.lead or page.search_description or "",
                body=body,
                content_type=content_type_label(type(page)),
                date=page.published_date
                or (page.first_published_at.date() if page.first_published_at else None),
                themes=theme_ids,
                sectors=sectors[page.pk],
            )
        )
    return docs


def indexable_pages(page_ids: Iterable[int] | None = None) -> Iterator[ContentPage]:
    """Live, public content pages of every ContentPage type, as their specific classes."""
    for model in content_page_models():
        qs = model.objects.live().public().order_by("pk")
        if page_ids is not None:
            qs = qs.filter(pk__in=list(page_ids))
        # Pages of a subclass also appear under their parent model: keep exact types only.
        qs = qs.exact_type(model)
        for start in range(0, qs.count(), 500):
            yield from qs[start : start + 500]


def all_documents() -> Iterator[IndexDocument]:
    batch = []
    for page in indexable_pages():
        batch.append(page)
        if len(batch) >= 200:
            yield from documents_for_pages(batch)
            batch = []
    if batch:
        yield from documents_for_pages(batch)
