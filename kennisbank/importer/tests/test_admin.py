import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kennisbank.articles.models import ArticlePage
from kennisbank.importer.models import ImportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploads(settings, tmp_path):
    settings.KENNISBANK_IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    return settings.KENNISBANK_IMPORT_UPLOAD_DIR


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redacteur", password="x")  # noqa: S106
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def upload(name, path):
    return SimpleUploadedFile(name, path.read_bytes())


def test_admin_upload_imports_and_shows_the_report(admin_client, pages, home, uploads):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("export/saved_page.txt", (pages / "saved_page.txt").read_bytes())
        bundle.writestr("../ontsnapt.md", (pages / "article.md").read_bytes())
    response = admin_client.post(
        reverse("importer:upload"),
        {
            "files": [
                upload("article.md", pages / "article.md"),
                SimpleUploadedFile("export.zip", archive.getvalue()),
            ],
            "state": "publish",
        },
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("importer:run", args=[run.pk])
    assert run.origin == "admin" and run.publish and not run.dry_run
    assert run.status == "done"
    assert run.counts == {"created": 2, "failed": 1}
    assert ArticlePage.objects.filter(live=True).count() == 2
    assert not any(uploads.iterdir())  # uploads are removed after the run

    page = admin_client.get(reverse("importer:run", args=[run.pk]))
    html = page.content.decode()
    assert "000-article.md" in html
    # The reason is in the run's language, the site's Dutch.
    assert "onveilig pad in zip-archief (wijst buiten het archief)" in html
    assert "Rekenen met je handen" in html

    report = admin_client.get(reverse("importer:report_json", args=[run.pk]))
    assert report["Content-Type"].startswith("application/json")
    assert report.json()["counts"] == {"created": 2, "failed": 1}

    listing = admin_client.get(reverse("importer:runs"))
    assert reverse("importer:run", args=[run.pk]) in listing.content.decode()


def test_admin_dry_run_changes_nothing(admin_client, pages, home, uploads):
    admin_client.post(
        reverse("importer:upload"),
        {
            "files": [upload("saved_page.txt", pages / "saved_page.txt")],
            "state": "draft",
            "dry_run": "on",
        },
    )
    run = ImportRun.objects.get()
    assert run.dry_run and run.counts == {"would create": 1}
    assert not ArticlePage.objects.exists()


def test_upload_form_renders_with_csrf(admin_client):
    response = admin_client.get(reverse("importer:upload"))
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_upload_without_files_is_an_error(admin_client, uploads):
    response = admin_client.post(reverse("importer:upload"), {"state": "draft"})
    assert response.status_code == 200
    assert not ImportRun.objects.exists()


def test_too_large_upload_is_refused(admin_client, settings, uploads):
    settings.KENNISBANK_IMPORT_MAX_UPLOAD_BYTES = 10
    response = admin_client.post(
        reverse("importer:upload"),
        {"files": [SimpleUploadedFile("groot.txt", b"x" * 11)], "state": "draft"},
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["files"]
    assert error.startswith("groot.txt")
    assert not ImportRun.objects.exists()


def refused(response) -> bool:
    # Wagtail's admin turns PermissionDenied into a redirect home with an error message.
    return (response.status_code, response.get("Location")) == (302, reverse("wagtailadmin_home"))


def test_editors_without_the_permission_are_refused(client, editor, pages, uploads):
    client.force_login(editor)
    run = ImportRun.objects.create()
    for url in (
        reverse("importer:runs"),
        reverse("importer:upload"),
        reverse("importer:run", args=[run.pk]),
        reverse("importer:report_json", args=[run.pk]),
    ):
        assert refused(client.get(url)), url
    response = client.post(
        reverse("importer:upload"),
        {"files": [upload("article.md", pages / "article.md")], "state": "publish"},
    )
    assert refused(response)
    assert ImportRun.objects.count() == 1
    assert not ArticlePage.objects.exists()

    editor.user_permissions.add(Permission.objects.get(codename="run_import"))
    client.force_login(editor)
    assert client.get(reverse("importer:runs")).status_code == 200
