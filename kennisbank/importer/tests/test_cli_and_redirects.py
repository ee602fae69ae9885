import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from kennisbank.articles.models import ArticlePage
from kennisbank.importer.models import ImportRun
from kennisbank.importer.redirects import old_paths


def import_command(*args) -> str:
    from io import StringIO

    out = StringIO()
    with translation.override("nl"):
        call_command("import", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_prints_plan_and_changes_nothing(pages, home):
    output = import_command(pages, "--dry-run")
    assert "zou worden aangemaakt" in output
    assert "Rekenen met je handen" in output
    assert "Proefrun, er is niets veranderd: 4 zou worden aangemaakt" in output
    assert not ArticlePage.objects.exists()
    assert not Redirect.objects.exists()
    run = ImportRun.objects.get()
    assert run.dry_run and run.counts == {"would create": 4}


@pytest.mark.django_db
def test_import_then_reimport_is_idempotent_and_reports(pages, home, tmp_path):
    report_file = tmp_path / "rapport.json"
    first = import_command(pages, "--publish", "--report", report_file)
    assert "Klaar: 4 aangemaakt" in first
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert [item["status"] for item in report["items"]] == ["created"] * 4
    assert {item["source"] for item in report["items"]} == {
        "article.html",
        "article.md",
        "old_site_page.html",
        "saved_page.txt",
    }
    redirects = Redirect.objects.count()

    second = import_command(pages, "--publish")
    assert "Klaar: 4 ongewijzigd" in second
    assert ArticlePage.objects.count() == 4
    assert Redirect.objects.count() == redirects
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db
def test_publish_and_draft_exclude_each_other(pages):
    with pytest.raises(CommandError):
        import_command(pages, "--publish", "--draft")


def test_old_paths_cover_variants_seen_in_the_wild():
    assert old_paths("https://oud.example/onveilige-hechting.php") == ["/onveilige-hechting.php"]
    # Query parameters are sorted the way Wagtail's middleware looks them up.
    assert old_paths("https://oud.example/artikel.php?id=12&cat=3") == ["/artikel.php?cat=3&id=12"]
    # Case is not folded by the middleware: a lower-case variant is added.
    assert old_paths("http://oud.example/Hechting.PHP") == ["/Hechting.PHP", "/hechting.php"]
    # A folder's index page is also reachable as the folder.
    assert old_paths("https://oud.example/thema/index.php") == ["/thema/index.php", "/thema"]
    # The old home page is never redirected to one article.
    assert old_paths("https://oud.example/") == []
    assert old_paths("") == []


@pytest.mark.django_db
def test_redirect_variants_reach_the_page(pages, home, client):
    import_command(pages / "article.md", "--publish")
    page = ArticlePage.objects.get()
    for old in (
        "/denkvragen.php?id=12",
        "/denkvragen.php/?id=12",
        "/denkvragen.php?id=12&",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
    # A different id is a different old page: no redirect.
    assert client.get("/denkvragen.php?id=13").status_code == 404
