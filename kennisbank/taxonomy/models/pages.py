from urllib.parse import urlencode

from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from kennisbank.core.models import IntroPage
from kennisbank.core.pagination import lazy_page, requested_page_number

from ..listing import as_cards, filed_items, label_counts
from .content import ContentLabel

ITEMS_PER_PAGE = 12
NEWEST_ON_THEME_PAGE = 6


class ThemePage(IntroPage):
    """One of the site's themes (Hoogbegaafdheid, Leren, …); its children are its topics."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["taxonomy.TopicPage"]
    template = "taxonomy/theme_page.html"

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = SimpleLazyObject(
            lambda: list(TopicPage.objects.child_of(self).live().public().order_by("title"))
        )
        context["newest_items"] = SimpleLazyObject(
            lambda: as_cards(filed_items(list(context["topics"]))[:NEWEST_ON_THEME_PAGE])
        )
        return context


class TopicPage(IntroPage):
    parent_page_types = ["taxonomy.ThemePage"]
    subpage_types: list[str] = []
    template = "taxonomy/topic_page.html"

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def label_filters(self) -> list:
        """(label, name, count) for each kind of content filed here; none when there is one."""
        labels = label_counts([self])
        return labels if len(labels) > 1 else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_number"] = requested_page_number(request)
        label = request.GET.get("soort")
        if label not in ContentLabel.values:
            label = None  # unknown labels show everything
        context["label"] = label
        context["label_query"] = urlencode({"soort": label}) if label else ""
        # Counted only when the listing fragment is rendered; one label alone needs no filter.
        context["labels"] = SimpleLazyObject(self.label_filters)
        context["items"] = lazy_page(
            lambda: filed_items([self], label=label),
            context["page_number"],
            ITEMS_PER_PAGE,
            as_cards,
        )
        return context
