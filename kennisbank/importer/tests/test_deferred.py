"""Follow-up tasks of an import are enqueued once per batch and reach the same end state as
the per-page tasks they replace."""

import pytest

from kennisbank.articles.models import ArticlePage
from kennisbank.importer import deferred
from kennisbank.importer.services import Importer
from kennisbank.literature import tasks as literature_tasks
from kennisbank.related import tasks as related_tasks
from kennisbank.related.models import RelatedItem
from kennisbank.search import tasks as search_tasks

from .factories import theme_with_topics


@pytest.fixture
def enqueued(monkeypatch):
    """Every task really enqueued (after deferral), as (task path, args)."""
    calls = []
    original = deferred._original_enqueue

    def record(task, *args, **kwargs):
        calls.append((deferred._task_path(task), args))
        return original(task, *args, **kwargs)

    monkeypatch.setattr(deferred, "_original_enqueue", record)
    return calls


def test_held_calls_are_merged_and_a_failed_item_drops_its_own(monkeypatch):
    calls = []
    # Record only: the shape of the calls matters here, not running them.
    monkeypatch.setattr(
        deferred,
        "_original_enqueue",
        lambda task, *args, **kwargs: calls.append((deferred._task_path(task), args)),
    )
    collector = deferred.DeferredTasks()
    with deferred.deferring(collector):
        with collector.item():
            related_tasks.recompute_after_page_change.enqueue(1)
            search_tasks.index_pages.enqueue([1])
            literature_tasks.render_article.enqueue(1)
        with pytest.raises(RuntimeError), collector.item():
            related_tasks.recompute_after_page_change.enqueue(2)
            search_tasks.index_pages.enqueue([2])
            raise RuntimeError("rolled back")
        with collector.item():
            related_tasks.recompute_after_page_change.enqueue(3)
            search_tasks.index_pages.enqueue([3, 1])
            literature_tasks.rerender_articles_by.enqueue(7)
            literature_tasks.rerender_articles_by.enqueue(7)
        assert calls == []  # nothing before the flush
    assert collector.flush() == 4
    assert sorted(calls) == [
        ("kennisbank.importer.tasks.recompute_related_after_import", ([1, 3],)),
        ("kennisbank.importer.tasks.render_articles", ([1],)),
        ("kennisbank.literature.tasks.rerender_articles_by", (7,)),
        ("kennisbank.search.tasks.index_pages", ([1, 3],)),
    ]
    assert collector.flush() == 0  # flushed once


def test_other_tasks_pass_through_and_the_hook_is_gone_after_the_run(monkeypatch):
    from django_tasks.base import Task

    from kennisbank.importer import tasks as importer_tasks

    calls = []
    monkeypatch.setattr(
        deferred,
        "_original_enqueue",
        lambda task, *args, **kwargs: calls.append((deferred._task_path(task), args)),
    )
    with deferred.deferring(deferred.DeferredTasks()):
        importer_tasks.run_uploaded_import.enqueue(5)  # not deferrable: at once
        assert calls == [("kennisbank.importer.tasks.run_uploaded_import", (5,))]
    assert Task.enqueue is deferred._LIBRARY_ENQUEUE


@pytest.mark.django_db
def test_an_import_enqueues_each_follow_up_once_for_all_pages(pages, home, enqueued):
    Importer(publish=True).import_paths([str(pages)])
    ids = sorted(ArticlePage.objects.values_list("pk", flat=True))
    assert len(ids) == 4
    paths = [path for path, _ in enqueued]
    # No per-page task is left.
    assert "kennisbank.related.tasks.recompute_after_page_change" not in paths
    assert "kennisbank.literature.tasks.render_article" not in paths
    batch = dict(enqueued)
    assert sorted(batch["kennisbank.importer.tasks.recompute_related_after_import"][0]) == ids
    assert sorted(batch["kennisbank.importer.tasks.render_articles"][0]) == ids
    assert paths.count("kennisbank.importer.tasks.render_articles") == 1
    # Wagtail's indexes: one task for the batch, each object once, no child objects (their
    # parent page is indexed with them).
    (objects,) = batch["kennisbank.importer.tasks.update_reference_index"]
    assert len(objects) == len({tuple(o) for o in objects})
    assert {("articles", "articlepage", str(pk)) for pk in ids} <= {tuple(o) for o in objects}
    assert not [o for o in objects if o[1] in ("articleauthor", "articlereference", "pagetopic")]
    assert paths.count("kennisbank.importer.tasks.update_search_index") == 1
    assert "wagtail.tasks.update_reference_index_task" not in paths
    assert "modelsearch.tasks.insert_or_update_object_task" not in paths


@pytest.mark.django_db
def test_an_import_bumps_the_content_version_once_per_batch(pages, home, monkeypatch):
    from kennisbank.core import cache as content_cache
    from kennisbank.importer import services

    writes = []
    real_incr = content_cache.cache.incr
    monkeypatch.setattr(
        content_cache.cache, "incr", lambda key, *a: writes.append(key) or real_incr(key, *a)
    )
    before = content_cache.content_version()
    monkeypatch.setattr(services, "FLUSH_EVERY", 3)
    Importer(publish=True).import_paths([str(pages)])
    assert ArticlePage.objects.count() == 4
    # Four publishes, two flushes (after the third page and at the end): two writes.
    assert writes == [content_cache.CONTENT_VERSION_KEY] * 2
    assert content_cache.content_version() == before + 2
    # Outside a run, every publish writes at once again.
    content_cache.bump_content_version()
    assert len(writes) == 3


@pytest.mark.django_db
def _markdown(number: int, topic: str) -> str:
    return (
        f"---\ntitle: Vragen stellen in groep {number}\nauthors: [Ruud ter Horst]\n"
        f"date: 2022-01-1{number}\nthemes: [Leren]\ntopics: [{topic}]\n"
        f"source_url: https://oud.example/vragen-{number}.php\n"
        f"literature:\n  - 'Horst, R. ter (202{number}). Vragen in de klas. Deventer: Fictief.'\n"
        f"---\n\n## Open vragen\n\nOpen vragen laten leerlingen in groep {number} nadenken "
        "over hun eigen redeneringen en die van anderen.\n"
    )


def test_the_batch_reaches_the_state_of_the_per_page_tasks(tmp_path, home):
    # An existing page on the same topic, whose block must change with the import too.
    theme_with_topics("Leren", "Vragen stellen", "Rekenen")
    (tmp_path / "eerst.md").write_text(_markdown(0, "Vragen stellen"), encoding="utf-8")
    Importer(publish=True).import_paths([str(tmp_path / "eerst.md")])
    folder = tmp_path / "export"
    folder.mkdir()
    for number in range(1, 5):
        topic = "Vragen stellen" if number < 4 else "Rekenen"
        (folder / f"{number}.md").write_text(_markdown(number, topic), encoding="utf-8")
    Importer(publish=True).import_paths([str(folder)])
    # The batch tasks ran (the tests' task backend runs tasks at once): citations rendered,
    # related blocks computed.
    for page in ArticlePage.objects.all():
        assert page.literature_rendered_at is not None, page.title
    batched = sorted(
        RelatedItem.objects.values_list("source_id", "target_page_id", "target_promotion_id")
    )
    assert batched, "the imported pages should have related blocks"
    # Now the per-page task for every imported page, one after another as publishing would.
    for page_id in ArticlePage.objects.order_by("pk").values_list("pk", flat=True):
        related_tasks.recompute_after_page_change.call(page_id)
    per_page = sorted(
        RelatedItem.objects.values_list("source_id", "target_page_id", "target_promotion_id")
    )
    assert batched == per_page


@pytest.mark.django_db
def test_wagtails_reference_index_is_complete_after_the_batch(pages, home):
    from django.db import transaction
    from wagtail.models import ReferenceIndex

    Importer(publish=True).import_paths([str(pages)])

    def rows():
        return sorted(
            ReferenceIndex.objects.values_list(
                "content_type_id", "object_id", "to_content_type_id", "to_object_id", "model_path"
            )
        )

    batched = rows()
    page = ArticlePage.objects.get(short_title="Denkvragen")
    referenced = {(row[2], row[3]) for row in batched if row[1] == str(page.pk)}
    link = page.literature_links.get()
    from django.contrib.contenttypes.models import ContentType

    reference_type = ContentType.objects.get_for_model(link.reference).pk
    assert (reference_type, str(link.reference_id)) in referenced
    # Indexing every imported page again, as the per-save tasks would, changes nothing.
    for article in ArticlePage.objects.all():
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(article)
    assert rows() == batched
