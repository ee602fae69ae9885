"""The index follows publishing: publish, edit, unpublish, move and delete, through the
background tasks (the immediate backend runs them at commit)."""

import pytest
from django.core.management import call_command

from kennisbank.search.engine import get_engine
from kennisbank.search.models import SearchDelta, SearchDocument, SearchTerm

from .factories import SearchArticleFactory

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    return [hit.title for hit in get_engine().search(query, limit=50).hits]


def publish(page):
    page.save_revision().publish()


def test_publish_indexes_and_unpublish_removes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = SearchArticleFactory(
            title="Hechtingsproblemen bij peuters", text="Over veilige gehechtheid."
        )
    assert titles("hechting") == ["Hechtingsproblemen bij peuters"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles("hechting") == []
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_edit_replaces_the_old_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = SearchArticleFactory(title="Rekenen", text="Over breuken in groep zes.")
    assert titles("breuken") == ["Rekenen"]
    page.body = [{"type": "paragraph", "value": "<p>Over kommagetallen.</p>"}]
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert titles("breuken") == []
    assert titles("kommagetallen") == ["Rekenen"]
    assert SearchDocument.objects.filter(page_id=page.pk).count() == 1


def test_draft_is_not_indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SearchArticleFactory(title="Concept over dyscalculie", publish=False)
    assert titles("dyscalculie") == []


def test_delete_removes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = SearchArticleFactory(title="Taalontwikkeling bij peuters")
    assert titles("taalontwikkeling")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert titles("taalontwikkeling") == []


def test_move_updates_the_url(django_capture_on_commit_callbacks):
    from kennisbank.articles.tests.factories import article_index

    with django_capture_on_commit_callbacks(execute=True):
        page = SearchArticleFactory(title="Leesmotivatie", slug="leesmotivatie")
        index = article_index()
        other = type(index)(title="Archief", slug="archief")
        index.get_parent().add_child(instance=other)
        other.save_revision().publish()
    assert SearchDocument.objects.get(page_id=page.pk).url.endswith("/artikel/leesmotivatie/")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    assert SearchDocument.objects.get(page_id=page.pk).url.endswith("/archief/leesmotivatie/")


def test_merge_folds_delta_into_segments_without_changing_results(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            SearchArticleFactory(title=f"Faalangst {i}", text="Over faalangst bij toetsen.")
    before = titles("faalangst toetsen")
    assert SearchDelta.objects.exists()
    get_engine().merge()
    assert not SearchDelta.objects.exists()
    assert SearchTerm.objects.exists()
    assert titles("faalangst toetsen") == before


def test_rebuild_command(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SearchArticleFactory(title="Pesten op school")
    SearchDocument.objects.all().delete()
    assert titles("pesten") == []
    call_command("search_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert titles("pesten") == ["Pesten op school"]
    assert not SearchDelta.objects.exists()


def test_body_text_leaves_out_block_settings(django_capture_on_commit_callbacks):
    from kennisbank.articles.tests.factories import ArticlePageFactory

    with django_capture_on_commit_callbacks(execute=True):
        page = ArticlePageFactory(title="Met koppen")  # headings, paragraphs and a list
    body = SearchDocument.objects.get(page_id=page.pk).body
    assert "Inleiding" in body and "Een eerste alinea" in body and "twee" in body
    assert "h2" not in body
    assert "bulleted" not in body.lower()
