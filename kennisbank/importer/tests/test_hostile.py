"""Hostile and broken input is rejected or neutralised with a clear reason; the rest goes on."""

import io
import zipfile

import pytest
from django.test import override_settings
from PIL import Image as PILImage

from kennisbank.articles.models import ArticlePage
from kennisbank.importer.services import Importer
from kennisbank.importer.sources import safe_entry_name

pytestmark = pytest.mark.django_db

GOOD_MARKDOWN = """---
title: Een goed artikel
authors: [Lies Vermaat]
date: 2020-05-01
source_url: https://oude-kennisbank.example/goed.php
---

Gewone tekst over leren.
"""


def run(*paths):
    report = Importer(publish=True).import_paths([str(p) for p in paths]).report
    return {item["source"].rsplit("/", 1)[-1]: item for item in report["items"]}


def body_html(page) -> str:
    return str(page.body.raw_data)


def test_scripts_event_handlers_and_javascript_urls_are_removed_from_html(pages, home):
    items = run(pages / "article.html")
    page = ArticlePage.objects.get(pk=items["article.html"]["page_id"])
    html = body_html(page)
    for hostile in (
        "<script",
        "alert",
        "javascript:",
        "onclick",
        "onerror",
        "onload",
        "iframe",
        "<form",
        "kwaadaardig",
    ):
        assert hostile not in html, hostile
    assert '<a href="https://voorbeeld.example/tellen">' in html


def test_hostile_markdown_is_neutralised(tmp_path, home):
    (tmp_path / "boos.md").write_text(
        GOOD_MARKDOWN
        + '\n[klik](javascript:alert(1)) <img src=x onerror="alert(1)"> <script>alert(2)</script>\n'
        + "\n[goed](https://voorbeeld.example/)\n",
        encoding="utf-8",
    )
    items = run(tmp_path)
    page = ArticlePage.objects.get(pk=items["boos.md"]["page_id"])
    html = body_html(page)
    # The link is refused (left as its Markdown text); raw HTML is shown as text, never run.
    assert 'href="javascript' not in html
    assert "[klik](javascript:alert(1))" in html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # shown as text, never run
    assert '<a href="https://voorbeeld.example/">goed</a>' in html


def test_markup_in_saved_text_stays_text(tmp_path, home, pages):
    text = (pages / "saved_page.txt").read_text(encoding="utf-8")
    text = text.replace(
        "Materiaal is een steiger",
        '<script>alert(1)</script><b onclick="x()">Materiaal</b> is een steiger',
    )
    (tmp_path / "pagina.txt").write_text(text, encoding="utf-8")
    items = run(tmp_path)
    html = body_html(ArticlePage.objects.get(pk=items["pagina.txt"]["page_id"]))
    assert "<script" not in html and "<b onclick" not in html
    assert "&lt;script&gt;" in html


def test_large_binary_empty_and_unknown_files_are_reported_while_the_rest_goes_on(tmp_path, home):
    (tmp_path / "groot.txt").write_bytes(b"")
    with open(tmp_path / "groot.txt", "r+b") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: refused before it is read
    png = io.BytesIO()
    PILImage.new("RGB", (4, 4)).save(png, "PNG")
    (tmp_path / "plaatje.txt").write_bytes(png.getvalue())
    (tmp_path / "leeg.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "los.txt").write_text("Zomaar wat tekst zonder kop of datum.\n", encoding="utf-8")
    (tmp_path / "zonder-titel.md").write_text("---\nauthors: [X Y]\n---\nTekst\n", encoding="utf-8")
    (tmp_path / "programma.exe").write_bytes(b"MZ\x90\x00")
    (tmp_path / "goed.md").write_text(GOOD_MARKDOWN, encoding="utf-8")

    items = run(tmp_path)
    assert items["groot.txt"]["reason"] == "te groot: 50.0 MB, de grens voor één pagina is 5.0 MB"
    assert items["plaatje.txt"]["reason"] == "geen tekst: het bestand is binair"
    assert items["leeg.md"]["reason"] == "leeg bestand"
    assert items["los.txt"]["reason"].startswith("onbekende opmaak: ")
    assert items["zonder-titel.md"]["reason"].startswith("geen titel: ")
    assert items["programma.exe"]["reason"] == "bestandstype .exe niet ondersteund"
    assert items["goed.md"]["status"] == "created"
    failed = [name for name, item in items.items() if item["status"] == "failed"]
    assert len(failed) == 6
    assert ArticlePage.objects.count() == 1


def _zip(path, entries: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_path_traversal_in_zip_entries_is_refused(tmp_path, home):
    archive = _zip(
        tmp_path / "export.zip",
        {
            "../../buiten.md": GOOD_MARKDOWN.encode(),
            "/etc/absoluut.md": GOOD_MARKDOWN.encode(),
            "map/../../ontsnapt.md": GOOD_MARKDOWN.encode(),
            "artikelen/goed.md": GOOD_MARKDOWN.encode(),
        },
    )
    report = Importer(publish=True).import_paths([str(archive)]).report
    reasons = {item["source"].split(":", 1)[1]: item.get("reason") for item in report["items"]}
    for name in ("../../buiten.md", "/etc/absoluut.md", "map/../../ontsnapt.md"):
        assert reasons[name] == "onveilig pad in zip-archief (wijst buiten het archief)"
    assert report["counts"] == {"created": 1, "failed": 3}
    assert not (tmp_path.parent / "buiten.md").exists()


def test_safe_entry_names():
    assert safe_entry_name("a/b/c.md") == "a/b/c.md"
    assert safe_entry_name("a/./b.md") == "a/b.md"
    for unsafe in ("../x.md", "a/../../x.md", "/x.md", "C:/x.md", "..\\x.md"):
        assert safe_entry_name(unsafe) is None, unsafe


@override_settings(KENNISBANK_IMPORT_MAX_ZIP_TOTAL_BYTES=1024 * 1024)
def test_zip_bomb_by_total_size_is_refused_whole(tmp_path, home):
    archive = _zip(tmp_path / "bom.zip", {f"deel{n}.txt": b"0" * (600 * 1024) for n in range(2)})
    report = Importer().import_paths([str(archive)]).report
    (item,) = report["items"]
    assert item["reason"].startswith("zip-archief geweigerd (mogelijke zipbom): uitgepakt 1.2 MB")


def test_zip_bomb_by_compression_ratio_is_refused(tmp_path, home):
    archive = _zip(
        tmp_path / "bom.zip",
        {"bom.txt": b"a" * (4 * 1024 * 1024), "goed.md": GOOD_MARKDOWN.encode()},
    )
    report = Importer(publish=True).import_paths([str(archive)]).report
    reasons = {item["source"].split(":", 1)[1]: item for item in report["items"]}
    assert reasons["bom.txt"]["reason"].startswith(
        "bestand in zip-archief geweigerd (mogelijke zipbom): compressie "
    )
    assert reasons["goed.md"]["status"] == "created"


def test_not_a_zip_and_nested_zip(tmp_path, home):
    (tmp_path / "kapot.zip").write_bytes(b"PK\x03\x04 dit is geen archief")
    inner = _zip(tmp_path / "binnen.zip", {"goed.md": GOOD_MARKDOWN.encode()})
    outer = _zip(tmp_path / "buiten.zip", {"binnen.zip": inner.read_bytes()})
    report = Importer().import_paths([str(tmp_path / "kapot.zip"), str(outer)]).report
    reasons = [item["reason"] for item in report["items"]]
    assert reasons[0].startswith("geen geldig zip-archief (")
    assert reasons[1] == "archief in een archief: pak het eerst uit"


def test_a_failing_item_leaves_nothing_behind_and_the_rest_goes_on(tmp_path, home, monkeypatch):
    from kennisbank.importer.literature import LiteratureWriter
    from kennisbank.people.models import Author

    (tmp_path / "a-kapot.md").write_text(
        GOOD_MARKDOWN.replace("Lies Vermaat", "Piet Kapot").replace("goed.php", "kapot.php"),
        encoding="utf-8",
    )
    (tmp_path / "b-goed.md").write_text(GOOD_MARKDOWN, encoding="utf-8")
    original = LiteratureWriter.write

    def fail_for_one(writer, page, entries, prepared=None):
        if (
            page.title == "Een goed artikel"
            and page.article_authors.all()[0].author.family_name == "Kapot"
        ):
            raise RuntimeError("database weigert")
        original(writer, page, entries, prepared)

    monkeypatch.setattr(LiteratureWriter, "write", fail_for_one)
    items = run(tmp_path)
    assert items["a-kapot.md"]["status"] == "failed"
    assert (
        items["a-kapot.md"]["reason"]
        == "kon niet worden opgeslagen (RuntimeError: database weigert)"
    )
    assert items["b-goed.md"]["status"] == "created"
    # The failed item's new author was rolled back with it.
    assert list(Author.objects.values_list("family_name", flat=True)) == ["Vermaat"]
