from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page, PageViewRestriction, Site

from .cache import versioned_key


class BasePage(Page):
    """Every public page type derives from this. Caching policy is site-wide
    (core.middleware.PublicCacheMiddleware); pages add what search engines and link previews
    read."""

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or ""

    def get_json_ld(self, request=None) -> dict | None:
        """schema.org data for this page, or None. Content types override this."""
        return None

    def get_view_restrictions(self):
        # Wagtail checks restrictions on every page view with two queries. Most sites have no
        # restricted pages at all; the cached answer to "are there any?" skips both.
        if not _site_has_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _site_has_view_restrictions() -> bool:
    key = versioned_key("any-view-restrictions")
    found = cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(key, found, timeout=60 * 60)
    return found


class IntroPage(BasePage):
    """A page that introduces what lies below it (home, themes, topics, index pages): an
    introduction that doubles as its meta description."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or self.intro


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Kennisbank"
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=250,
        blank=True,
        default="Kennis over leren en ontwikkelen van kinderen en jongeren",
    )
    newsletter_url = models.CharField(
        _("newsletter link"),
        max_length=300,
        blank=True,
        help_text=_("Where the newsletter call to action points; empty: the site's own page."),
    )
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    bluesky_url = models.URLField(_("Bluesky"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("tagline"), FieldPanel("contact_email")],
            heading=_("Organisation"),
        ),
        FieldPanel("newsletter_url"),
        MultiFieldPanel(
            [
                FieldPanel("linkedin_url"),
                FieldPanel("x_url"),
                FieldPanel("facebook_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("mastodon_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def load(cls, request_or_site=None):
        """As Wagtail's, but kept in the cache between requests (every page shows them)."""
        attr = cls.get_cache_attr_name()
        if request_or_site is not None and hasattr(request_or_site, attr):
            return getattr(request_or_site, attr)
        key = versioned_key("site-settings")
        settings_object = cache.get(key)
        if settings_object is None:
            settings_object = super().load()
            cache.set(key, settings_object, timeout=60 * 60 * 24)
        if request_or_site is not None and not isinstance(request_or_site, Site):
            setattr(request_or_site, attr, settings_object)
        return settings_object

    @property
    def social_links(self) -> list[tuple[str, str]]:
        candidates = [
            ("LinkedIn", self.linkedin_url),
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            ("Bluesky", self.bluesky_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(name, url) for name, url in candidates if url]
