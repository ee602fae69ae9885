from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class RelatedPin(Orderable):
    """An item an editor always wants in a page's "Related" block, in this order, before the
    computed ones. A ParentalKey to the base Page keeps pins in revisions: they take effect when
    the page is published, like the rest of its content."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="related_pins")
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )

    panels = [PageChooserPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned related item")
        verbose_name_plural = _("pinned related items")
        constraints = [
            models.UniqueConstraint(fields=["page", "target"], name="unique_related_pin"),
        ]


class RelatedExclusion(Orderable):
    """An item that must never appear in a page's "Related" block, however well it scores."""

    page = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="related_exclusions"
    )
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )

    panels = [PageChooserPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("excluded related item")
        verbose_name_plural = _("excluded related items")
        constraints = [
            models.UniqueConstraint(fields=["page", "target"], name="unique_related_exclusion"),
        ]


class RelatedItem(models.Model):
    """One precomputed entry of a page's "Related" block: a page or a promotion, with its score.
    Written by the background task (related.tasks) so a page view only reads these rows.

    More candidates are stored than are shown, with the moment each stops being eligible
    (`valid_until`: an event's end, a promotion's end) and, for promotions, when it starts, so
    items drop out at read time without a recomputation and the block stays full."""

    source = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="related_items_computed"
    )
    target_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_promotion = models.ForeignKey(
        "promotions.Promotion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="related_placements",
    )
    # A short type key ("article", "question", "offering", "promotion") for the per-type limit.
    kind = models.CharField(max_length=30)
    score = models.FloatField(default=0)
    pinned = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    valid_from = models.DateTimeField(null=True, blank=True)
    valid_until = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "position"]
        indexes = [models.Index(fields=["source", "position"], name="related_source_pos")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_page__isnull=False, target_promotion__isnull=True)
                | models.Q(target_page__isnull=True, target_promotion__isnull=False),
                name="related_item_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_page_id or self.target_promotion_id}"
