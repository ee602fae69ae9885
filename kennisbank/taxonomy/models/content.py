import datetime

from django.core.cache import cache
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel

from kennisbank.core.cache import versioned_key
from kennisbank.core.models import BasePage

RELATION_CACHE_TIMEOUT = 60 * 60 * 24


class ContentLabel(models.TextChoices):
    """What kind of item a reader is looking at, shown on cards and pages: readers must be able
    to tell editorial content from provider content and paid placements."""

    RESEARCH_SUMMARY = "onderzoekssamenvatting", _("research summary")
    ARTICLE = "artikel", _("article")
    OPINION = "opinie", _("opinion")
    PRACTICE_EXAMPLE = "praktijkvoorbeeld", _("practice example")
    OFFERING = "aanbod", _("provider offering")
    FEATURED = "uitgelicht", _("featured")
    ADVERTISEMENT = "advertentie", _("advertisement")


class ContentPage(BasePage):
    """A page readers come for (article, research question, offering): it has a short title for
    menus and cards, a lead, a public date, and is filed under topics and sectors."""

    short_title = models.CharField(
        _("short title"),
        max_length=80,
        help_text=_(
            "Used in menus, cards and breadcrumbs, e.g. 'Perspectieven hechtingsproblematiek'."
        ),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("One or two sentences that open the page and its cards."),
    )
    published_date = models.DateField(
        _("posted on"),
        blank=True,
        null=True,
        help_text=_("The date readers see. Left empty, it becomes the date of first publication."),
    )
    sectors = ParentalManyToManyField("taxonomy.Sector", blank=True, verbose_name=_("sectors"))
    content_label = models.CharField(
        _("label"),
        max_length=30,
        choices=ContentLabel.choices,
        blank=True,
        help_text=_("Shown on cards and the page. Left empty, the page type's own label is used."),
    )

    # Each page type names the label its pages get unless an editor picks another.
    default_content_label = ContentLabel.ARTICLE

    settings_panels = BasePage.settings_panels + [FieldPanel("published_date")]
    taxonomy_panels = [
        InlinePanel("page_topics", label=_("Topics"), min_num=1, heading=_("Topics")),
        FieldPanel("sectors", widget=CheckboxSelectMultiple),
        FieldPanel("content_label"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Listings of all content types sort on Page.first_published_at; keeping it equal to the
        # public date lets one query order articles, questions and offerings together, and lets
        # imported content keep its original date.
        if not self.content_label:
            self.content_label = self.default_content_label
        if self.live and self.published_date is None:
            self.published_date = timezone.localdate()
        if self.published_date is not None:
            self.first_published_at = timezone.make_aware(
                datetime.datetime.combine(self.published_date, datetime.time(12, 0))
            )
        super().save(*args, **kwargs)

    def get_meta_description(self) -> str:
        return self.search_description or self.lead

    def cached_relation(self, name: str, compute):
        """`compute()`, kept in the cache for a published page until it or any content changes.

        The relations a page shows (authors, topics, sectors, literature) cost a query each and
        change only when the page is published. A page whose relations live in memory (a
        preview, an old revision) is never served from or written to this cache."""
        if not self.pk or getattr(self, "_cluster_related_objects", None):
            return compute()
        key = versioned_key(f"page-relation:{self.pk}:{self.latest_revision_id}:{name}")
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout=RELATION_CACHE_TIMEOUT)
        return value

    @property
    def label(self) -> str:
        return ContentLabel(self.content_label or self.default_content_label).label

    @cached_property
    def topics(self) -> list:
        """The page's topics in the editor's order (select_related is a no-op in previews)."""
        return self.cached_relation(
            "topics", lambda: [link.topic for link in self.page_topics.select_related("topic")]
        )

    @cached_property
    def sector_list(self) -> list:
        return self.cached_relation("sectors", lambda: list(self.sectors.all()))

    @classmethod
    def prepare_cards(cls, pages: list) -> None:
        """Fetch in bulk what this type's cards show; see taxonomy.listing.as_cards."""


def content_page_models() -> list[type[ContentPage]]:
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if issubclass(model, ContentPage)]
