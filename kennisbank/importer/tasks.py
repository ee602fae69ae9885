"""The admin's uploads are imported as a background task (a large archive takes a while)."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import ImportRun
from .services import Importer


def upload_dir(run_id: int) -> Path:
    return Path(settings.KENNISBANK_IMPORT_UPLOAD_DIR) / f"run-{run_id}"


@task()
def run_uploaded_import(run_id: int) -> None:
    run = ImportRun.objects.get(pk=run_id)
    folder = upload_dir(run_id)
    try:
        paths = sorted(str(path) for path in folder.iterdir()) if folder.is_dir() else []
        Importer(dry_run=run.dry_run, publish=run.publish, user=run.user).run(
            _named(paths, folder), run
        )
    except Exception as error:
        run.status = ImportRun.Status.FAILED
        run.finished_at = timezone.now()
        run.report = {**run.report, "error": f"{error.__class__.__name__}: {error}"}
        run.save()
        raise
    finally:
        # Uploads are kept only for the run: the report says what came in.
        shutil.rmtree(folder, ignore_errors=True)


def _named(paths: list[str], folder: Path):
    """Report items under the uploaded file's own name, not the server's temporary path."""
    from .sources import iter_sources

    prefix = str(folder) + "/"
    for item in iter_sources(paths):
        item.name = item.name.removeprefix(prefix)
        yield item
