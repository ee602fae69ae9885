"""Background recomputation of "Related" blocks (django_tasks: immediate in development and
tests, the database worker in production). Tasks take ids, not objects."""

from django_tasks import task

from kennisbank.core.cache import bump_content_version

from . import services


@task()
def recompute_after_page_change(page_id: int, removed: bool = False) -> int:
    """A page was published, unpublished or moved: recompute the blocks that may show it, and
    its own (emptied when `removed`)."""
    count = services.recompute_around(page_id, removed=removed)
    # The page view's fragment was possibly rebuilt from the old rows between the publish and
    # this task finishing: make it stale again.
    bump_content_version()
    return count


@task()
def recompute_pages(page_ids: list[int]) -> int:
    count = services.compute_many(page_ids)
    bump_content_version()
    return count


@task()
def recompute_after_promotion_change(promotion_id: int) -> int:
    count = services.compute_many(services.pages_for_promotion(promotion_id))
    bump_content_version()
    return count
