from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index


class Author(
    DraftStateMixin, RevisionMixin, LockableMixin, PreviewableMixin, index.Indexed, models.Model
):
    """An expert who writes for the platform. The name is kept in parts because citations need
    them apart: APA in Dutch writes "Jong, W. de" and sorts it under J."""

    given_name = models.CharField(_("given name"), max_length=100)
    initials = models.CharField(
        _("initials"), max_length=20, help_text=_("With full stops and spaces, e.g. 'M. H.'")
    )
    particle = models.CharField(
        _("name particle"),
        max_length=20,
        blank=True,
        help_text=_("e.g. 'van', 'de', 'van der', 'ten'"),
    )
    family_name = models.CharField(_("family name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    bio_line = models.CharField(
        _("one-line bio"),
        max_length=200,
        help_text=_("Shown under the name on articles, e.g. 'Orthopedagoog en onderzoeker'."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    website = models.URLField(_("website"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"), max_length=19, blank=True, help_text="0000-0000-0000-0000"
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="author")

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("given_name"), FieldPanel("initials")]),
                FieldRowPanel([FieldPanel("particle"), FieldPanel("family_name")]),
                FieldPanel("slug"),
            ],
            heading=_("Name"),
        ),
        FieldPanel("bio_line"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("linkedin_url"), FieldPanel("orcid")],
            heading=_("Links"),
        ),
    ]

    search_fields = [
        index.SearchField("given_name"),
        index.SearchField("family_name"),
        index.SearchField("organisation"),
        index.AutocompleteField("family_name"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["family_name", "particle", "given_name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("people:author_detail", kwargs={"slug": self.slug})

    @property
    def revisions(self):
        return self._revisions

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.particle, self.family_name) if part)

    @property
    def citation_name(self) -> str:
        """APA 7 as written in the Netherlands: family name, initials, then the particle."""
        name = f"{self.family_name}, {self.initials}"
        return f"{name} {self.particle}" if self.particle else name

    @property
    def bio_with_organisation(self) -> str:
        if self.organisation:
            return _("%(bio)s at %(organisation)s") % {
                "bio": self.bio_line,
                "organisation": self.organisation,
            }
        return self.bio_line

    def get_preview_template(self, request, mode_name):
        return "people/author_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"author": self, "articles": []}
