"""Background rendering: pandoc never runs in a page view."""

from django_tasks import task

from kennisbank.core.cache import bump_content_version

from . import services


@task()
def render_article(page_id: int) -> float | None:
    seconds = services.render_article(page_id)
    bump_content_version()
    return seconds


@task()
def rerender_articles_citing(reference_id: int) -> int:
    from kennisbank.articles.models import ArticlePage

    ids = list(
        ArticlePage.objects.filter(literature_links__reference_id=reference_id)
        .values_list("pk", flat=True)
        .distinct()
    )
    for page_id in ids:
        services.render_article(page_id)
    if ids:
        bump_content_version()
    return len(ids)


@task()
def rerender_articles_by(author_id: int) -> int:
    from kennisbank.articles.models import ArticlePage

    ids = list(
        ArticlePage.objects.filter(article_authors__author_id=author_id)
        .values_list("pk", flat=True)
        .distinct()
    )
    for page_id in ids:
        services.render_article(page_id)
    if ids:
        bump_content_version()
    return len(ids)


@task()
def rerender_all_articles() -> int:
    from kennisbank.articles.models import ArticlePage

    ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
    for page_id in ids:
        services.render_article(page_id)
    bump_content_version()
    return len(ids)
