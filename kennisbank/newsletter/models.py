"""Subscribers, editions and one delivery record per (edition, subscriber).

Privacy by design: a subscriber row holds only what sending needs and what proves consent
(address, themes, optional sector, status, consent time and source). No IP address, name or
tracking data is stored."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, PreviewableMixin


def new_key() -> str:
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Subscriber.Status.ACTIVE)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        ACTIVE = "active", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        SUSPENDED = "suspended", _("suspended after bounces")

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    all_themes = models.BooleanField(
        _("all themes"), default=True, help_text=_("Also receives themes added later.")
    )
    themes = models.ManyToManyField(
        "taxonomy.ThemePage", blank=True, related_name="+", verbose_name=_("themes")
    )
    sector = models.ForeignKey(
        "taxonomy.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sector"),
    )
    # The secret in every signed link. Replacing it (on erase or on request) voids old links.
    key = models.CharField(max_length=40, default=new_key, unique=True, editable=False)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now, db_index=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_source = models.CharField(_("consent source"), max_length=200, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    bounce_count = models.PositiveSmallIntegerField(_("consecutive bounces"), default=0)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    def theme_ids(self) -> set[int] | None:
        """The chosen theme ids, or None for "all themes"."""
        if self.all_themes:
            return None
        return {theme.pk for theme in self.themes.all()}


class Edition(PreviewableMixin, ClusterableModel):
    class Mode(models.TextChoices):
        AUTOMATIC = "automatic", _("new since the last edition, per theme")
        CHOSEN = "chosen", _("chosen items")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    mode = models.CharField(
        _("content"), max_length=20, choices=Mode.choices, default=Mode.AUTOMATIC
    )
    since = models.DateTimeField(
        _("new since"),
        null=True,
        blank=True,
        help_text=_(
            "Automatic mode: content published after this moment. "
            "Empty: since the previous edition was sent (or the last 30 days)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True, editable=False)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True, editable=False)
    prepared_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    # The items as they were when sending started: every copy, also after a restart, shows the
    # same content, and rendering a copy needs no page queries.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("subject"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("mode"), FieldPanel("since"), InlinePanel("items", label=_("items"))],
            heading=_("Content"),
        ),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return self.subject

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    # Preview in the admin: the whole edition as a subscriber of every theme sees it.
    preview_modes = [("html", _("HTML")), ("text", _("Plain text"))]
    default_preview_mode = "html"

    def get_preview_template(self, request, mode_name):
        return "newsletter/admin/preview.html"

    def get_preview_context(self, request, mode_name):
        from .content import build_snapshot
        from .mail import render_edition

        snapshot = self.snapshot if self.snapshot else build_snapshot(self)
        html, text = render_edition(self, snapshot, subscriber=None)
        return {"mode": mode_name, "html": html, "text": text, "edition": self}


class EditionItem(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("item")
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")


class Delivery(models.Model):
    """One copy of one edition for one subscriber. The unique pair makes sending idempotent; the
    claim token fences a worker whose claim expired (see sending.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("nothing to send")
        FAILED = "failed", _("failed")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["edition", "status"], name="delivery_edition_status")]

    def __str__(self):
        return f"{self.edition_id} → {self.subscriber_id}: {self.status}"
