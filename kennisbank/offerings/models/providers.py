from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Provider(index.Indexed, models.Model):
    """An organisation that offers courses, trainings or events. Its offerings are provider
    content and are labelled as such, never as editorial content."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    logo_alt = models.CharField(
        _("logo alternative text"),
        max_length=200,
        blank=True,
        help_text=_("Usually the provider's name; required when there is a logo."),
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact telephone number"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.logo_id and not self.logo_alt.strip():
            raise ValidationError({"logo_alt": _("Describe the logo for screen reader users.")})

    def json_ld(self) -> dict:
        data = {"@type": "Organization", "name": self.name}
        if self.website:
            data["url"] = self.website
        if self.contact_email:
            data["email"] = self.contact_email
        return data
