"""Background tasks that keep the index in step with published content. They take page ids:
a task reads the page as it is when it runs, so a late task never indexes stale content."""

from django_tasks import task


@task()
def index_pages(page_ids: list[int]) -> int:
    """(Re)index the given pages; pages that are no longer live and public are removed."""
    from .engine import get_engine
    from .indexing import documents_for_pages, indexable_pages, page_key

    pages = list(indexable_pages(page_ids))
    engine = get_engine()
    engine.index(documents_for_pages(pages))
    gone = set(page_ids) - {p.pk for p in pages}
    if gone:
        engine.remove(page_key(pk) for pk in gone)
    return len(pages)


@task()
def remove_pages(page_ids: list[int]) -> None:
    from .engine import get_engine
    from .indexing import page_key

    get_engine().remove(page_key(pk) for pk in page_ids)


@task()
def index_subtree(page_id: int) -> int:
    """After a move: every content page at or below `page_id` has a new URL."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    return index_pages.call(ids)


@task()
def merge_index() -> None:
    from .engine import get_engine

    get_engine().merge()
