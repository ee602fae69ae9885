"""`kennisbank import PATH…`: import saved page text, HTML pages and Markdown files, folders
of them, or .zip archives. See docs/import.md.

Exit status: 0 when every item was imported (or unchanged, or in a dry run would be), 1 when
any item failed, 2 for a usage error (bad options, a report file that cannot be written)."""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kennisbank.importer import statuses
from kennisbank.importer.parallel import default_parse_workers
from kennisbank.importer.services import Importer

EXIT_ITEMS_FAILED = 1
EXIT_USAGE = 2


class Command(BaseCommand):
    help = (
        "Import saved page text, HTML and Markdown (files, folders or .zip) as articles. "
        "Exits with 1 when any item failed, 2 for usage errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be created, updated and skipped; change nothing.",
        )
        state = parser.add_mutually_exclusive_group()
        state.add_argument(
            "--publish", action="store_true", help="Publish imported pages (and new authors)."
        )
        state.add_argument(
            "--draft",
            action="store_true",
            help="Save imported pages as drafts (the default).",
        )
        parser.add_argument(
            "--report", metavar="FILE", help="Also write the run's JSON report to FILE."
        )
        parser.add_argument(
            "--parse-workers",
            type=int,
            default=default_parse_workers(),
            metavar="N",
            help=(
                "Worker processes that read and parse the sources ahead of the writer "
                "(0: parse in this process). Default: the number of CPUs minus one, at most 3."
            ),
        )

    def handle(self, *paths, **options):
        report_file = options["report"]
        if report_file:
            _check_writable(report_file)
        importer = Importer(
            dry_run=options["dry_run"],
            publish=options["publish"],
            log=lambda line: self.stdout.write(line),
            parse_workers=max(0, options["parse_workers"]),
        )
        run = importer.import_paths(options["paths"])
        counts = run.report["counts"]
        self.stdout.write(self._summary(run, options["dry_run"]))
        if report_file:
            try:
                with open(report_file, "w", encoding="utf-8") as handle:
                    json.dump(run.report, handle, ensure_ascii=False, indent=2)
            except OSError as error:
                raise CommandError(
                    _("Cannot write the report: %(error)s") % {"error": error},
                    returncode=EXIT_USAGE,
                ) from error
        failed = counts.get(statuses.FAILED, 0)
        if failed:
            for item in run.report["items"]:
                if item["status"] == statuses.FAILED:
                    self.stderr.write(f"  {item['source']} — {item['reason']}")
            raise CommandError(
                statuses.failures_line(failed, sum(counts.values())),
                returncode=EXIT_ITEMS_FAILED,
            )

    @staticmethod
    def _summary(run, dry_run: bool) -> str:
        values = {
            "summary": statuses.summary(run.report["counts"]),
            "seconds": run.report["seconds"],
            "run": run.pk,
        }
        if dry_run:
            return (
                _(
                    "Dry run, nothing was changed: %(summary)s in %(seconds)s s. "
                    "Report: import run %(run)s."
                )
                % values
            )
        return _("Done: %(summary)s in %(seconds)s s. Report: import run %(run)s.") % values


def _check_writable(report_file: str) -> None:
    """Before the run, so a long import is not lost to a typo in the report's path."""
    path = Path(report_file)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise CommandError(
            _("Cannot write the report to %(path)s: no such folder, or not writable.")
            % {"path": report_file},
            returncode=EXIT_USAGE,
        )
