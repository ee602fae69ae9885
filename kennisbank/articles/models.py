from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from kennisbank.core.blocks import BodyBlock
from kennisbank.core.models import IntroPage, SiteSettings
from kennisbank.core.pagination import lazy_page, requested_page_number
from kennisbank.related.panels import content_edit_handler
from kennisbank.taxonomy.listing import as_cards
from kennisbank.taxonomy.models import ContentPage

ARTICLES_PER_PAGE = 12


class ArticleIndexPage(IntroPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1
    template = "articles/article_index_page.html"

    class Meta:
        verbose_name = _("article index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_number"] = requested_page_number(request)
        context["items"] = lazy_page(
            lambda: (
                ArticlePage.objects.child_of(self)
                .live()
                .public()
                .order_by("-first_published_at", "-pk")
            ),
            context["page_number"],
            ARTICLES_PER_PAGE,
            as_cards,
        )
        return context


class ArticlePage(RoutablePageMixin, ContentPage):
    """An expert's article: the platform's main content type."""

    updated_date = models.DateField(_("last updated"), blank=True, null=True)
    reviewed_date = models.DateField(
        _("content last reviewed"),
        blank=True,
        null=True,
        help_text=_("When an expert last checked that the content is still correct."),
    )
    change_summary = models.TextField(
        _("summary of changes"),
        blank=True,
        help_text=_(
            "For readers: what changed in the version you are about to publish. Shown in the "
            "change log with the date; replace it whenever you publish a change worth noting."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    reading_time = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=1, editable=False
    )
    # Rendered by kennisbank.literature.tasks after every publish and whenever a cited reference
    # or the particle setting changes, so that a page view never runs the CSL processor.
    citation_rendered = models.TextField(blank=True, editable=False)
    literature_html = models.TextField(blank=True, editable=False)
    literature_anchors = models.JSONField(default=dict, blank=True, editable=False)
    literature_rendered_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The published versions (number, date, summary) for the change log, stored with the
    # rendering so that the article view needs no query for them.
    version_log = models.JSONField(default=list, blank=True, editable=False)

    content_panels = ContentPage.content_panels + [
        FieldPanel("short_title"),
        FieldPanel("lead"),
        MultipleChooserPanel(
            "article_authors",
            chooser_field_name="author",
            label=_("Authors"),
            min_num=1,
            heading=_("Authors"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "literature_links",
            label=_("Reference"),
            heading=_("Literature"),
            help_text=_(
                "Choose existing references or create new ones; the list is shown in APA order. "
                "To add many at once, use Literature › Paste a literature list."
            ),
        ),
    ]
    promote_panels = ContentPage.promote_panels
    settings_panels = ContentPage.settings_panels + [
        FieldPanel("updated_date"),
        FieldPanel("reviewed_date"),
        FieldPanel("change_summary"),
    ]
    edit_handler = content_edit_handler(content_panels, promote_panels, settings_panels)

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []
    template = "articles/article_page.html"

    search_fields = ContentPage.search_fields + [
        index.SearchField("short_title"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_date"),
    ]

    api_fields = [
        APIField("short_title"),
        APIField("lead"),
        APIField("published_date"),
        APIField("updated_date"),
        APIField("reading_time"),
        APIField("api_authors", serializer=serializers.ListField(read_only=True)),
        APIField("api_topics", serializer=serializers.ListField(read_only=True)),
        APIField("api_sectors", serializer=serializers.ListField(read_only=True)),
        APIField("body"),
        APIField("api_literature", serializer=serializers.ListField(read_only=True)),
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        self.reading_time = self.compute_reading_time()
        super().save(*args, **kwargs)

    def compute_reading_time(self) -> int:
        text = " ".join(self.body.stream_block.get_searchable_content(self.body))
        return max(1, round(len(text.split()) / settings.KENNISBANK_WORDS_PER_MINUTE))

    # Data for templates, the API and JSON-LD. Each relation is read once per request; in a
    # preview the same properties read the unsaved relations held in memory by modelcluster.

    @cached_property
    def authors(self) -> list:
        # One query, or none when prepare_cards prefetched the links. modelcluster's in-memory
        # relation in previews accepts select_related too.
        if "article_authors" in getattr(self, "_prefetched_objects_cache", {}):
            return [link.author for link in self.article_authors.all()]
        return self.cached_relation(
            "authors",
            lambda: [link.author for link in self.article_authors.select_related("author")],
        )

    @cached_property
    def references(self) -> list:
        """The cited references in the editor's order: one query."""
        if "literature_links" in getattr(self, "_prefetched_objects_cache", {}):
            return [link.reference for link in self.literature_links.all()]
        return self.cached_relation(
            "references",
            lambda: [
                link.reference
                for link in self.literature_links.select_related("reference")
                if link.reference is not None
            ],
        )

    @cached_property
    def literature(self) -> list[str]:
        """Plain-text entries (JSON-LD, API, previews): the original text where there is one."""
        return [ref.raw_text or ref.plain_text for ref in self.references]

    site_name = ""

    def get_site_name(self) -> str:
        return self.site_name or SiteSettings.load().organisation_name

    @property
    def citation_html(self) -> str:
        from kennisbank.literature.citation import fallback_citation_html

        return self.citation_rendered or fallback_citation_html(self)

    def get_citation_item(self, url: str = "", issued=None) -> dict:
        from kennisbank.literature.citation import article_item

        return article_item(self, url=url, issued=issued)

    @path("")
    def current(self, request, *args, **kwargs):
        return self.serve(request, *args, **kwargs)

    @path("versie/<int:number>/", name="version")
    def version(self, request, number):
        from kennisbank.literature.views import article_version

        return article_version(request, self, number)

    # Wagtail serves only paths of word characters ending in a slash: the file name with its
    # extension is given by the response (Content-Disposition).
    @re_path(r"^(?P<what>citeren|literatuur)/(?P<fmt>ris|bib|json)/$", name="export")
    def export(self, request, what, fmt):
        from kennisbank.literature.views import article_export

        return article_export(request, self, what, fmt)

    @property
    def api_authors(self) -> list[dict]:
        return [
            {
                "name": author.full_name,
                "citation_name": author.citation_name,
                "bio_line": author.bio_line,
                "organisation": author.organisation,
                "url": author.get_absolute_url(),
            }
            for author in self.authors
        ]

    @property
    def api_topics(self) -> list[dict]:
        return [{"id": topic.pk, "title": topic.title} for topic in self.topics]

    @property
    def api_sectors(self) -> list[str]:
        return [sector.code for sector in self.sector_list]

    @property
    def api_literature(self) -> list[str]:
        return self.literature

    @classmethod
    def prepare_cards(cls, pages):
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(
            pages, Prefetch("article_authors", ArticleAuthor.objects.select_related("author"))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Loaded once per request and cached on it; the template's settings proxy reuses it.
        self.site_name = SiteSettings.load(request_or_site=request).organisation_name
        return context

    def get_json_ld(self, request=None) -> dict:
        url = self.get_full_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "headline": self.title,
            "alternativeHeadline": self.short_title,
            "description": self.lead,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": "nl",
            "author": [
                {
                    "@type": "Person",
                    "name": author.full_name,
                    "givenName": author.given_name,
                    "familyName": " ".join(p for p in (author.particle, author.family_name) if p),
                    "description": author.bio_line,
                    "url": (
                        request.build_absolute_uri(author.get_absolute_url()) if request else None
                    ),
                    **(
                        {"affiliation": {"@type": "Organization", "name": author.organisation}}
                        if author.organisation
                        else {}
                    ),
                }
                for author in self.authors
            ],
            "publisher": {"@type": "Organization", "name": self.get_site_name()},
            "about": [{"@type": "Thing", "name": topic.title} for topic in self.topics],
            "citation": self.literature,
            "timeRequired": f"PT{self.reading_time}M",
        }
        if self.published_date:
            data["datePublished"] = self.published_date.isoformat()
        modified = self.updated_date or self.published_date
        if modified:
            data["dateModified"] = modified.isoformat()
        if self.sector_list:
            data["educationalLevel"] = [sector.name for sector in self.sector_list]
        return data


class ArticleAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(
        "people.Author",
        on_delete=models.PROTECT,
        related_name="article_links",
        verbose_name=_("author"),
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class ArticleReference(Orderable):
    """One entry of an article's literature list: a link to a shared Reference."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="literature_links")
    reference = models.ForeignKey(
        "literature.Reference",
        on_delete=models.PROTECT,
        related_name="article_links",
        verbose_name=_("reference"),
    )

    panels = [FieldPanel("reference")]

    class Meta(Orderable.Meta):
        verbose_name = _("literature entry")
        verbose_name_plural = _("literature")
