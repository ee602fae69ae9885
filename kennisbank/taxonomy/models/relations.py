from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.models import Orderable


class Sector(models.Model):
    """A part of the education system (po, vo, mbo, ho, so/sbo) that content is meant for."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("code"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class PageTopic(Orderable):
    """Files a page under a topic. A ParentalKey to the base Page keeps the links in revisions,
    so drafts and previews show their own topics, and lets one query find items of every type."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="page_topics")
    topic = models.ForeignKey(
        "taxonomy.TopicPage",
        on_delete=models.CASCADE,
        related_name="filed_items",
        verbose_name=_("topic"),
    )

    panels = [PageChooserPanel("topic", "taxonomy.TopicPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["page", "topic"], name="unique_topic_per_page"),
        ]

    def __str__(self):
        return f"{self.page_id} → {self.topic_id}"
