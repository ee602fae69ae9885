from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class PromotionLabel(models.TextChoices):
    ADVERTISEMENT = "advertentie", _("advertisement")
    FEATURED = "uitgelicht", _("featured")


class PromotionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(enabled=True, starts_at__lte=now).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )


class Promotion(ClusterableModel):
    """A paid or editorially featured placement in the "Related" block of pages on its topics
    (or of every page when it has none), shown between its start and end with a visible label."""

    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=300, blank=True)
    target_url = models.URLField(_("target link"))
    label = models.CharField(
        _("label"),
        max_length=20,
        choices=PromotionLabel.choices,
        default=PromotionLabel.ADVERTISEMENT,
        help_text=_("Paid placements are always 'Advertisement'."),
    )
    advertiser = models.CharField(_("on behalf of"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what the image shows, for screen reader users."),
    )
    starts_at = models.DateTimeField(_("start"), default=timezone.now)
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    topics = ParentalManyToManyField(
        "taxonomy.TopicPage",
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("Shown on pages filed under these topics; none: on every page."),
    )

    objects = PromotionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("target_url"),
        FieldRowPanel([FieldPanel("label"), FieldPanel("advertiser")]),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Shown")),
        FieldPanel("enabled"),
        FieldPanel("topics"),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="promotion_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for screen reader users.")
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # also commits the topics (ClusterableModel)
        from kennisbank.related.tasks import recompute_after_promotion_change

        recompute_after_promotion_change.enqueue(self.pk)

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.enabled and self.starts_at <= now and (self.ends_at is None or self.ends_at > now)
        )

    # The totals shown in the admin.
    def total(self, field: str) -> int:
        return self.daily_counts.aggregate(total=models.Sum(field))["total"] or 0

    def total_impressions(self) -> int:
        return self.total("impressions")

    total_impressions.short_description = _("impressions")

    def total_clicks(self) -> int:
        return self.total("clicks")

    total_clicks.short_description = _("clicks")


class PromotionDailyCount(models.Model):
    """Impressions and clicks per promotion per day: only counters, nothing about the reader
    (no cookie, no IP address, no user agent)."""

    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="daily_counts")
    date = models.DateField(_("date"))
    impressions = models.PositiveIntegerField(_("impressions"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(fields=["promotion", "date"], name="one_count_per_day"),
        ]

    def __str__(self):
        return f"{self.promotion_id} {self.date}"


def count(promotion_id: int, field: str) -> None:
    """Adds one to today's counter with a single UPDATE, so concurrent requests do not lose
    counts; the first request of the day creates the row."""
    today = timezone.localdate()
    rows = PromotionDailyCount.objects.filter(promotion_id=promotion_id, date=today)
    if rows.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            PromotionDailyCount.objects.create(promotion_id=promotion_id, date=today, **{field: 1})
    except IntegrityError:
        rows.update(**{field: F(field) + 1})
