from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One imported source, keyed by its source URL, so a re-import updates the same page.

    It also keeps what the page itself has no place for yet: the old page's "Gerelateerd"
    entries (pending related links, to be resolved when curated related content exists) and
    the notes of the last import."""

    source_key = models.CharField(
        _("source URL"),
        max_length=500,
        unique=True,
        help_text=_("The page's old URL, or for sources without one a key made from its slug."),
    )
    source_format = models.CharField(_("format"), max_length=20)
    source_name = models.CharField(_("file"), max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("page"),
    )
    fingerprint = models.CharField(max_length=64)
    related_entries = models.JSONField(_("related entries"), default=list, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    first_imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")

    def __str__(self):
        return self.source_key


class ImportRun(models.Model):
    """One run of the importer, from the command line or the admin, with its JSON report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    origin = models.CharField(_("origin"), max_length=20, default="cli")  # "cli" or "admin"
    dry_run = models.BooleanField(_("dry run"), default=False)
    publish = models.BooleanField(_("publish"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    upload_name = models.CharField(_("uploaded file"), max_length=300, blank=True)
    upload_path = models.CharField(max_length=500, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        permissions = [("run_import", _("Can import content"))]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def counts(self) -> dict:
        return self.report.get("counts", {})

    @property
    def labelled_counts(self) -> list[tuple[str, str, int]]:
        """(status code, label in the active language, count), for the admin's screens."""
        from .statuses import labelled_counts

        return labelled_counts(self.counts)
