"""The admin's uploads are imported as a background task (a large archive takes a while)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from .models import ImportRun

logger = logging.getLogger(__name__)


def upload_dir(run_id: int) -> Path:
    return Path(settings.KENNISBANK_IMPORT_UPLOAD_DIR) / f"run-{run_id}"


@task()
def run_uploaded_import(run_id: int) -> None:
    # Imported here, not at the top: the admin's URLs import this module in every process,
    # and the importer (ftfy, the parsers, the reference parser) is only needed by a run.
    from .services import Importer

    run = ImportRun.objects.get(pk=run_id)
    folder = upload_dir(run_id)
    try:
        paths = sorted(str(path) for path in folder.iterdir()) if folder.is_dir() else []
        # The report's reasons and notes are written in the site's language, as a command-line
        # run's are, whichever backend runs the task: in the uploading editor's request (the
        # immediate backend) it would otherwise follow that editor's admin language.
        with translation.override(settings.LANGUAGE_CODE):
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


# Batched follow-up work of an import (see deferred.py): one task for all pages of a batch
# instead of one per page, reaching the same end state.


@task()
def recompute_related_after_import(page_ids: list[int]) -> int:
    """What `related.tasks.recompute_after_page_change` does for each page, once for all: the
    pages' own "Related" blocks, then every block that may change with them (pages sharing a
    topic, listing or pinning them, and the pages their blocks now list), each computed once
    against the corpus after the whole batch."""
    from kennisbank.core.cache import bump_content_version
    from kennisbank.related import services
    from kennisbank.related.models import RelatedItem

    corpus = services.load_corpus()
    own = sorted(set(page_ids))
    count = sum(services.compute_for(page_id, corpus) for page_id in own)
    around: set[int] = set()
    for page_id in own:
        around |= services.affected_pages(page_id)
    around.update(
        RelatedItem.objects.filter(source_id__in=own, target_page__isnull=False).values_list(
            "target_page_id", flat=True
        )
    )
    count += sum(services.compute_for(page_id, corpus) for page_id in sorted(around - set(own)))
    bump_content_version()
    return count


@task()
def render_articles(page_ids: list[int]) -> int:
    """`literature.tasks.render_article` for every page: citation and literature list."""
    from kennisbank.core.cache import bump_content_version
    from kennisbank.literature import services

    rendered = sum(services.render_article(page_id) is not None for page_id in page_ids)
    bump_content_version()
    return rendered


@task()
def update_reference_index(objects: list[list[str]]) -> int:
    """Wagtail's `update_reference_index_task` for every (app label, model name, pk) saved in
    the batch; one object that has gone since is skipped, as its own task would have failed
    alone."""
    from wagtail.tasks import update_reference_index_task

    return _each(update_reference_index_task, objects)


@task()
def update_search_index(objects: list[list[str]]) -> int:
    """Wagtail's search index (modelsearch's `insert_or_update_object_task`) for every object
    saved in the batch."""
    from modelsearch.tasks import insert_or_update_object_task

    return _each(insert_or_update_object_task, objects)


def _each(object_task, objects: list[list[str]]) -> int:
    from django.core.exceptions import ObjectDoesNotExist

    done = 0
    for app_label, model_name, pk in objects:
        try:
            object_task.call(app_label, model_name, pk)
        except ObjectDoesNotExist:
            logger.info("%s.%s %s is gone: not indexed", app_label, model_name, pk)
            continue
        done += 1
    return done
