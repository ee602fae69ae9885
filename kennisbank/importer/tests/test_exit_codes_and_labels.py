"""`kennisbank import` exit codes, and statuses as codes in JSON but Dutch labels for people."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from kennisbank.articles.models import ArticlePage
from kennisbank.importer import statuses
from kennisbank.importer.models import ImportRun

from .factories import ImportRunFactory


def run_command(*args) -> tuple[int, str, str]:
    """(exit status as the console script would return it, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        with translation.override("nl"):
            call_command("import", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def mixed(tmp_path, pages):
    """Two good pages and one binary file."""
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("article.md", "saved_page.txt"):
        (folder / name).write_bytes((pages / name).read_bytes())
    (folder / "kapot.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    return folder


@pytest.mark.django_db
def test_exit_status_is_0_when_every_item_is_imported(pages, home):
    status, out, _ = run_command(pages, "--publish")
    assert status == 0
    assert "Klaar: 4 aangemaakt" in out


@pytest.mark.django_db
def test_exit_status_is_1_when_an_item_failed_and_the_rest_is_imported(mixed, home):
    status, out, err = run_command(mixed, "--publish")
    assert status == 1
    assert ArticlePage.objects.count() == 2
    assert "Klaar: 2 aangemaakt, 1 mislukt" in out
    assert "kapot.txt — geen tekst: het bestand is binair" in err
    assert "1 van de 3 items is mislukt." in err
    # The JSON report keeps the machine-readable codes.
    assert ImportRun.objects.get().counts == {"created": 2, "failed": 1}


@pytest.mark.django_db
def test_a_dry_run_with_an_item_that_would_fail_exits_with_1(mixed, home):
    status, out, _ = run_command(mixed, "--dry-run")
    assert status == 1
    assert "Proefrun, er is niets veranderd: 2 zou worden aangemaakt, 1 mislukt" in out
    assert "zou worden aangemaakt  article.md" in out
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_a_report_that_cannot_be_written_is_a_usage_error_before_the_run(pages, home, tmp_path):
    status, _, err = run_command(pages, "--report", tmp_path / "bestaat-niet" / "r.json")
    assert status == 2
    assert "Kan het rapport niet schrijven" in err
    assert not ImportRun.objects.exists()
    assert not ArticlePage.objects.exists()


def test_bad_options_exit_with_2_from_the_command_line(tmp_path):
    # argparse's own usage errors, as the console script returns them (no database needed).
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kennisbank.settings.test"}
    for arguments in (["import"], ["import", str(tmp_path), "--publish", "--draft"]):
        completed = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "kennisbank", *arguments],
            cwd=settings.BASE_DIR.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert completed.returncode == 2, (arguments, completed.stderr)
        assert "usage:" in completed.stderr


def test_every_status_code_has_a_dutch_label():
    with translation.override("nl"):
        labels = {code: statuses.label(code) for code in statuses.ORDER}
    assert labels == {
        "created": "aangemaakt",
        "would create": "zou worden aangemaakt",
        "updated": "bijgewerkt",
        "would update": "zou worden bijgewerkt",
        "unchanged": "ongewijzigd",
        "failed": "mislukt",
    }
    with translation.override("nl"):
        assert statuses.summary({"failed": 1, "created": 3}) == "3 aangemaakt, 1 mislukt"
        assert statuses.summary({}) == "niets"
        assert statuses.label("iets nieuws") == "iets nieuws"


@pytest.mark.django_db
def test_the_admin_report_shows_dutch_labels_and_the_json_keeps_codes(admin_client):
    report = {
        "counts": {"created": 1, "failed": 1},
        "items": [
            {"source": "a.txt", "status": "created", "reason": "", "title": "Een"},
            {"source": "b.bin", "status": "failed", "reason": "not text: the file is binary"},
        ],
    }
    run = ImportRunFactory(report=report, status="done")
    html = admin_client.get(reverse("importer:run", args=[run.pk])).content.decode()
    assert '<td data-status="created">aangemaakt</td>' in html
    assert '<td data-status="failed">mislukt</td>' in html
    assert "1 aangemaakt, 1 mislukt" in html
    listing = admin_client.get(reverse("importer:runs")).content.decode()
    assert "1 aangemaakt, 1 mislukt" in listing
    downloaded = admin_client.get(reverse("importer:report_json", args=[run.pk]))
    assert json.loads(downloaded.content)["items"][1]["status"] == "failed"
