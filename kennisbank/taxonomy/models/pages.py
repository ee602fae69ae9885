from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from kennisbank.core.models import BasePage

from ..listing import as_cards, filed_items, label_counts

ITEMS_PER_PAGE = 12
NEWEST_ON_THEME_PAGE = 6


class ThemePage(BasePage):
    """One of the site's themes (Hoogbegaafdheid, Leren, …); its children are its topics."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["taxonomy.TopicPage"]
    template = "taxonomy/theme_page.html"

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_meta_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = list(TopicPage.objects.child_of(self).live().public().order_by("title"))
        context["topics"] = topics
        context["newest_items"] = as_cards(filed_items(topics)[:NEWEST_ON_THEME_PAGE])
        return context


class TopicPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["taxonomy.ThemePage"]
    subpage_types: list[str] = []
    template = "taxonomy/topic_page.html"

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def get_meta_description(self) -> str:
        return self.search_description or self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        labels = label_counts([self])
        label = request.GET.get("soort")
        if label not in {value for value, _, _ in labels}:
            label = None  # unknown or unused labels show everything
        paginator = Paginator(filed_items([self], label=label), ITEMS_PER_PAGE)
        try:
            items = paginator.page(request.GET.get("pagina", 1))
        except PageNotAnInteger:
            items = paginator.page(1)
        except EmptyPage:
            items = paginator.page(paginator.num_pages)
        items.object_list = as_cards(items.object_list)
        context["items"] = items
        context["paginator"] = paginator
        context["labels"] = labels if len(labels) > 1 else []
        context["label"] = label
        context["label_query"] = urlencode({"soort": label}) if label else ""
        return context
