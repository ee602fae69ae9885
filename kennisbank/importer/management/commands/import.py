"""`kennisbank import PATH…`: import saved page text, HTML pages and Markdown files, folders
of them, or .zip archives. See docs/import.md."""

import json

from django.core.management.base import BaseCommand, CommandError

from kennisbank.importer.services import Importer


class Command(BaseCommand):
    help = "Import saved page text, HTML and Markdown (files, folders or .zip) as articles."

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

    def handle(self, *paths, **options):
        importer = Importer(
            dry_run=options["dry_run"],
            publish=options["publish"],
            log=lambda line: self.stdout.write(line),
        )
        run = importer.import_paths(options["paths"])
        counts = run.report["counts"]
        summary = ", ".join(f"{count} {status}" for status, count in counts.items()) or "nothing"
        prefix = "Dry run: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{summary} in {run.report['seconds']} s. Report: import run {run.pk}."
        )
        if options["report"]:
            try:
                with open(options["report"], "w", encoding="utf-8") as handle:
                    json.dump(run.report, handle, ensure_ascii=False, indent=2)
            except OSError as error:
                raise CommandError(f"Cannot write the report: {error}") from error
