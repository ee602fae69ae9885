"""Parsing in worker processes gives the same import as parsing in turn."""

import os
import shutil

import pytest

from kennisbank.articles.models import ArticlePage
from kennisbank.importer import literature as importer_literature
from kennisbank.importer import parallel
from kennisbank.importer.services import Importer, source_key
from kennisbank.importer.sources import SourceItem
from kennisbank.literature.models import Reference


def _summary():
    pages = ArticlePage.objects.order_by("title")
    return [
        (
            page.title,
            page.live,
            [block.block_type for block in page.body],
            sorted(ref.raw_text for ref in page.references),
        )
        for page in pages
    ]


@pytest.fixture
def folder(pages, tmp_path):
    shutil.copytree(pages, tmp_path / "pages")
    (tmp_path / "pages" / "kapot.txt").write_bytes(b"\x00\x01\x02 geen tekst \xff" * 50)
    return tmp_path / "pages"


@pytest.mark.django_db
def test_parsing_in_workers_imports_what_parsing_in_turn_does(folder, home, monkeypatch):
    serial = Importer(publish=True).import_paths([str(folder)])
    expected, references = _summary(), Reference.objects.count()
    assert serial.counts == {"created": 4, "failed": 1}
    ArticlePage.objects.all().delete()
    Reference.objects.all().delete()
    from kennisbank.importer.models import ImportRecord

    ImportRecord.objects.all().delete()

    # The reference parser must run in the workers, not in the writing process.
    writer_pid = os.getpid()
    real_parse = importer_literature.parse_free_text

    def parse_only_in_workers(text):
        assert os.getpid() != writer_pid, "literature parsed in the writing process"
        return real_parse(text)

    monkeypatch.setattr(importer_literature, "parse_free_text", parse_only_in_workers)
    monkeypatch.setattr("kennisbank.literature.conversion.parse_free_text", parse_only_in_workers)
    run = Importer(publish=True, parse_workers=2).import_paths([str(folder)])
    assert run.counts == {"created": 4, "failed": 1}
    assert [item["source"] for item in run.report["items"]] == [
        item["source"] for item in serial.report["items"]
    ]
    failed = [item for item in run.report["items"] if item["status"] == "failed"]
    assert failed[0]["source"] == "kapot.txt" and failed[0]["reason"]
    assert _summary() == expected
    assert Reference.objects.count() == references
    # Children keep the source's order, numbered from 0 per page.
    for page in ArticlePage.objects.all():
        for relation in (page.literature_links, page.article_authors, page.page_topics):
            orders = list(relation.order_by("pk").values_list("sort_order", flat=True))
            assert orders == list(range(len(orders)))


@pytest.mark.django_db
def test_a_worker_skips_the_literature_of_an_unchanged_page(pages, monkeypatch):
    item = SourceItem("article.md", (pages / "article.md").read_bytes())
    parsed = parallel.parse_item(item, literature=True)
    assert parsed.article.literature and parsed.literature
    key = source_key(parsed.article)
    monkeypatch.setattr(parallel, "_known_fingerprints", {key: parsed.article.fingerprint()})
    assert parallel.parse_item(item, literature=True).literature == {}
    monkeypatch.setattr(parallel, "_known_fingerprints", {key: "an older version"})
    again = parallel.parse_item(item, literature=True).literature
    assert {text: ref.fingerprint for text, ref in again.items()} == {
        text: ref.fingerprint for text, ref in parsed.literature.items()
    }
    assert all(ref.pk is None and ref.fingerprint for ref in again.values())


@pytest.mark.django_db
def test_a_source_imported_by_another_run_meanwhile_is_updated_not_duplicated(pages, home):
    source = str(pages / "article.md")
    slow = Importer(publish=True)
    slow.lookups.record("")  # loaded before the other run writes: now stale
    fast = Importer(publish=True).import_paths([source])
    assert fast.counts == {"created": 1}
    run = slow.import_paths([source])
    assert run.counts == {"unchanged": 1}, run.report["items"]
    assert ArticlePage.objects.count() == 1
