from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.url_routing import RouteResult

from kennisbank.core.models import IntroPage
from kennisbank.core.routing import specific_page_at
from kennisbank.taxonomy.listing import as_cards
from kennisbank.taxonomy.models import ThemePage

NEWEST_ON_HOME_PAGE = 6


class HomePage(IntroPage):
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """One-query routing for the pages below the site root (see core.routing)."""
        if path_components:
            page = specific_page_at(self.url_path + "/".join(path_components) + "/")
            if page is not None and page.path.startswith(self.path):
                if not page.live:
                    raise Http404
                return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from kennisbank.articles.models import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        context["themes"] = ThemePage.objects.child_of(self).live().public().order_by("path")
        context["newest_articles"] = SimpleLazyObject(
            lambda: as_cards(
                ArticlePage.objects.live()
                .public()
                .order_by("-first_published_at")[:NEWEST_ON_HOME_PAGE]
            )
        )
        return context

    def get_json_ld(self, request=None):
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.title,
            "url": self.get_full_url(request),
        }
