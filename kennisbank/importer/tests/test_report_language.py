"""Reasons and notes in the report are written in the language of the run: Dutch, the site's
language, on the command line and in the admin; English when the run is in English."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from kennisbank.importer.models import ImportRun

pytestmark = pytest.mark.django_db

# A page by an author the site does not have yet (a note made while matching, in the writing
# process) with a Markdown image (a note made while parsing, in a parse worker when there is
# one), beside a binary file (a reason).
PAGE = """---
title: Samen lezen in groep 5
authors: [Marieke de Wit]
date: 2021-02-03
---

Lees elke dag een kwartier samen.

![Een kaart](kaart.png)
"""
BINARY = b"\x00\x01\x02binair\x00" * 50

DUTCH = {
    "reason": "geen tekst: het bestand is binair",
    "author": "nieuwe auteur Marieke de Wit",
    "image": "Markdown-afbeelding 'kaart.png' niet geïmporteerd (alt-tekst: 'Een kaart')",
    "note": "opmerking",
}
ENGLISH = {
    "reason": "not text: the file is binary",
    "author": "new author Marieke de Wit",
    "image": "Markdown image 'kaart.png' not imported (alt text: 'Een kaart')",
    "note": "note",
}


@pytest.fixture
def export(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "lezen.md").write_text(PAGE, encoding="utf-8")
    (folder / "kapot.txt").write_bytes(BINARY)
    return folder


def dry_run(folder, language: str, workers: int) -> tuple[str, str, dict]:
    """(stdout, stderr, stored report) of a command-line dry run in `language`."""
    out, err = StringIO(), StringIO()
    with translation.override(language), pytest.raises(CommandError):  # an item failed
        call_command(
            "import",
            str(folder),
            "--dry-run",
            f"--parse-workers={workers}",
            stdout=out,
            stderr=err,
        )
    return out.getvalue(), err.getvalue(), ImportRun.objects.get().report


def by_source(report: dict) -> dict:
    return {item["source"]: item for item in report["items"]}


@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize(
    ("language", "expected", "other"), [("nl", DUTCH, ENGLISH), ("en", ENGLISH, DUTCH)]
)
def test_command_line_reasons_and_notes_follow_the_language_of_the_run(
    export, home, language, expected, other, workers
):
    out, err, report = dry_run(export, language, workers)
    items = by_source(report)
    assert items["kapot.txt"]["reason"] == expected["reason"]
    assert expected["author"] in items["lezen.md"]["notes"]
    assert expected["image"] in items["lezen.md"]["notes"]
    # What the editor reads: the item's notes on standard output, the failure on standard error.
    assert f"{expected['note']}: {expected['author']}" in out
    assert f"{expected['note']}: {expected['image']}" in out
    assert f"kapot.txt — {expected['reason']}" in err
    for text in (other["reason"], other["author"], other["image"]):
        assert text not in out + err


def test_the_admin_report_is_in_the_sites_language_whatever_the_editors_admin_language(
    admin_client, admin_user, home, settings, tmp_path
):
    settings.KENNISBANK_IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    admin_client.post(
        reverse("importer:upload"),
        {
            "files": [
                SimpleUploadedFile("lezen.md", PAGE.encode()),
                SimpleUploadedFile("kapot.txt", BINARY),
            ],
            "state": "draft",
            "dry_run": "on",
        },
    )
    run = ImportRun.objects.get()
    items = {item["source"].split("-", 1)[1]: item for item in run.report["items"]}
    assert items["kapot.txt"]["reason"] == DUTCH["reason"]
    assert DUTCH["author"] in items["lezen.md"]["notes"]

    html = admin_client.get(reverse("importer:run", args=[run.pk])).content.decode()
    assert 'data-status="failed">failed<' in html  # the screen itself is in English
    assert DUTCH["reason"] in html
    assert DUTCH["author"] in html
