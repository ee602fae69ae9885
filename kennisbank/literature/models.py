"""References as structured data (CSL-JSON), the particle-convention setting, and the published
versions of articles that citations point at."""

from __future__ import annotations

import datetime

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index

from . import csl as csl_lib
from .styles import DUTCH, FLEMISH

TYPE_LABELS = dict(csl_lib.COMMON_TYPES)


def _type_choices():
    schema_types = csl_lib._validator().schema["items"]["properties"]["type"]["enum"]
    common = [(value, _(label)) for value, label in csl_lib.COMMON_TYPES]
    rest = [(value, value) for value in schema_types if value not in TYPE_LABELS]
    return common + rest


# The CSL variables that have a field of their own in the form.
TEXT_FIELDS = {
    "title": "title",
    "container_title": "container-title",
    "collection_title": "collection-title",
    "edition": "edition",
    "publisher": "publisher",
    "publisher_place": "publisher-place",
    "volume": "volume",
    "issue": "issue",
    "page": "page",
    "doi": "DOI",
    "isbn": "ISBN",
    "url": "URL",
    "genre": "genre",
    "note": "note",
}


class ReferenceQuerySet(models.QuerySet):
    def matching(self, item: dict):
        return self.filter(fingerprint=csl_lib.fingerprint(item))


class Reference(index.Indexed, ClusterableModel):
    """One cited work, shared by every article that cites it. The form edits the fields below;
    `csl` holds the complete CSL-JSON item built from them (plus any variables an import
    brought that have no field here), validated against the official schema on every save."""

    csl_type = models.CharField(_("type"), max_length=40, choices=_type_choices, default="book")
    title = models.TextField(_("title"), max_length=1000, blank=True)
    container_title = models.CharField(
        _("container"),
        max_length=500,
        blank=True,
        help_text=_("Journal, edited book, newspaper or website the work appears in."),
    )
    collection_title = models.CharField(_("series"), max_length=300, blank=True)
    edition = models.CharField(_("edition"), max_length=50, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    publisher_place = models.CharField(_("place of publication"), max_length=200, blank=True)
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("issue"), max_length=50, blank=True)
    page = models.CharField(_("pages"), max_length=50, blank=True, help_text="12-30")
    issued_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    issued_month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, choices=[(m, m) for m in range(1, 13)]
    )
    issued_day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, choices=[(d, d) for d in range(1, 32)]
    )
    doi = models.CharField("DOI", max_length=300, blank=True, help_text="10.1000/xyz123")
    isbn = models.CharField("ISBN", max_length=100, blank=True)
    url = models.URLField("URL", max_length=1000, blank=True)
    accessed = models.DateField(
        _("accessed on"), null=True, blank=True, help_text=_("For web pages without a date.")
    )
    genre = models.CharField(
        _("genre"), max_length=200, blank=True, help_text=_("e.g. 'Proefschrift', 'Rapport'.")
    )
    note = models.TextField(_("note"), blank=True)
    extra = models.JSONField(_("other CSL variables"), default=dict, blank=True, editable=False)
    raw_text = models.TextField(
        _("original text"),
        blank=True,
        help_text=_("The reference as it was pasted or imported, kept for checking."),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Set for references converted automatically; clear it once checked."),
    )
    csl = models.JSONField(_("CSL-JSON"), default=dict, editable=False)
    fingerprint = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    panels = [
        FieldPanel("csl_type"),
        InlinePanel("names", label=_("Author or editor"), heading=_("Authors and editors")),
        FieldRowPanel(
            [FieldPanel("issued_year"), FieldPanel("issued_month"), FieldPanel("issued_day")],
            heading=_("Date"),
        ),
        FieldPanel("title"),
        FieldPanel("container_title"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("edition"), FieldPanel("collection_title")]),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("publisher_place")]),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("page")]),
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doi"), FieldPanel("isbn")]),
                FieldRowPanel([FieldPanel("url"), FieldPanel("accessed")]),
            ],
            heading=_("Identifiers and links"),
        ),
        FieldPanel("genre"),
        FieldPanel("note"),
        MultiFieldPanel([FieldPanel("raw_text"), FieldPanel("needs_review")], heading=_("Review")),
    ]

    search_fields = [
        index.SearchField("title"),
        index.SearchField("container_title"),
        index.SearchField("raw_text"),
        index.AutocompleteField("title"),
        index.RelatedFields("names", [index.SearchField("family")]),
    ]

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self):
        return csl_lib.plain_text(self.csl or self.build_csl())[:200] or f"#{self.pk}"

    # CSL-JSON in and out

    def build_csl(self) -> dict:
        item = dict((self.extra or {}).items())
        item["id"] = str(self.pk) if self.pk else "new"
        item["type"] = self.csl_type
        for role in csl_lib.NAME_ROLES:
            names = [name.as_csl() for name in self.names.all() if name.role == role]
            if names:
                item[role] = names
            else:
                item.pop(role, None)
        for field_name, variable in TEXT_FIELDS.items():
            value = (getattr(self, field_name) or "").strip()
            if value:
                item[variable] = value
            else:
                item.pop(variable, None)
        if self.issued_year:
            parts = [self.issued_year]
            if self.issued_month:
                parts.append(self.issued_month)
                if self.issued_day:
                    parts.append(self.issued_day)
            item["issued"] = {"date-parts": [parts]}
        elif "issued" in item and "date-parts" in item["issued"]:
            item.pop("issued")
        if self.accessed:
            item["accessed"] = {
                "date-parts": [[self.accessed.year, self.accessed.month, self.accessed.day]]
            }
        else:
            item.pop("accessed", None)
        return item

    def clean(self):
        super().clean()
        csl_lib.validate_item(self.build_csl())

    def save(self, *args, **kwargs):
        # Validate before writing anything: an invalid item is refused whole.
        # The item is complete before the row is written, because post_save re-renders the
        # articles that cite it.
        self.prepare_for_saving()
        with transaction.atomic():
            super().save(*args, **kwargs)

    def prepare_for_saving(self) -> None:
        """Validate the item built from the fields and names, and store it with its
        fingerprint. The stored item has no "id": the primary key is the item's id, and the
        readers (rendering, exports) add it; storing it would cost a second write for a new
        row."""
        item = csl_lib.validate_item(self.build_csl())
        self.fingerprint = csl_lib.fingerprint(item)
        self.csl = {key: value for key, value in item.items() if key != "id"}

    @property
    def csl_item(self) -> dict:
        """The stored CSL-JSON item with its id (the primary key)."""
        return {**self.csl, "id": str(self.pk)}

    @classmethod
    def from_csl(
        cls, item: dict, *, raw_text: str = "", needs_review: bool = False, valid: bool = False
    ) -> Reference:
        """An unsaved Reference (with its names in memory) for a CSL-JSON item. Raises InvalidCSL
        for an item that is not valid CSL-JSON; `valid` says the caller has just validated this
        very item (the reference parser does), and the item built for saving is validated
        again anyway."""
        item = {"id": "new", **item}
        if not valid:
            csl_lib.validate_item(item)
        reference = cls(raw_text=raw_text, needs_review=needs_review)
        reference.fill_from_csl(item)
        return reference

    def fill_from_csl(self, item: dict) -> None:
        rest = dict(item)
        rest.pop("id", None)
        self.csl_type = rest.pop("type")
        for field_name, variable in TEXT_FIELDS.items():
            value = rest.pop(variable, "")
            max_length = self._meta.get_field(field_name).max_length
            value = str(value).strip() if value is not None else ""
            if max_length and len(value) > max_length:
                raise csl_lib.InvalidCSL(
                    _("%(variable)s is longer than %(max)d characters.")
                    % {"variable": variable, "max": max_length}
                )
            setattr(self, field_name, value)
        self.issued_year = self.issued_month = self.issued_day = None
        parts = _date_parts(rest.get("issued"))
        if parts:
            rest.pop("issued")
            self.issued_year, self.issued_month, self.issued_day = (parts + [None, None])[:3]
        accessed = _date_parts(rest.get("accessed"))
        if accessed and len(accessed) == 3:
            rest.pop("accessed")
            self.accessed = datetime.date(*accessed)
        names = []
        for role in csl_lib.NAME_ROLES:
            for name in rest.pop(role, None) or []:
                names.append(ReferenceName.from_csl(name, role))
        self.names = names
        self.extra = rest

    @property
    def plain_text(self) -> str:
        return csl_lib.plain_text(self.csl or self.build_csl())


def _date_parts(value) -> list[int] | None:
    """[year, month, day] from a CSL date with numeric parts; None for literal or ranged dates,
    which stay in `extra` as they came."""
    if not isinstance(value, dict) or set(value) != {"date-parts"}:
        return None
    ranges = value["date-parts"]
    if len(ranges) != 1:
        return None
    try:
        parts = [int(part) for part in ranges[0]]
    except (TypeError, ValueError):
        return None
    if not 1 <= len(parts) <= 3 or not 0 < parts[0] < 10000:
        return None
    try:
        if len(parts) == 3:
            datetime.date(*parts)
        elif len(parts) == 2 and not 1 <= parts[1] <= 12:
            return None
    except ValueError:
        return None
    return parts


class ReferenceName(Orderable):
    ROLE_CHOICES = [("author", _("author")), ("editor", _("editor"))]

    reference = ParentalKey(Reference, on_delete=models.CASCADE, related_name="names")
    role = models.CharField(_("role"), max_length=10, choices=ROLE_CHOICES, default="author")
    given = models.CharField(
        _("given name or initials"), max_length=100, blank=True, help_text="W. / M. H."
    )
    particle = models.CharField(
        _("particle"), max_length=30, blank=True, help_text=_("e.g. 'de', 'van der'")
    )
    family = models.CharField(_("family name"), max_length=150, blank=True)
    literal = models.CharField(
        _("organisation"),
        max_length=300,
        blank=True,
        help_text=_("For an organisation as author; leave the name fields empty."),
    )

    panels = [
        FieldRowPanel(
            [FieldPanel("role"), FieldPanel("given"), FieldPanel("particle"), FieldPanel("family")]
        ),
        FieldPanel("literal"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self):
        return csl_lib.name_text(self.as_csl())

    def as_csl(self) -> dict:
        if self.literal and not self.family:
            return {"literal": self.literal}
        name = {"family": self.family}
        if self.given:
            name["given"] = self.given
        if self.particle:
            name["non-dropping-particle"] = self.particle
        return name

    @classmethod
    def from_csl(cls, name: dict, role: str) -> ReferenceName:
        if name.get("literal"):
            return cls(role=role, literal=name["literal"])
        particle = " ".join(
            p for p in (name.get("dropping-particle"), name.get("non-dropping-particle")) if p
        )
        family = name.get("family", "")
        if not particle:
            particle, family = csl_lib.split_particle(family)
        return cls(role=role, given=name.get("given", ""), particle=particle, family=family)


@register_setting(icon="doc-full")
class LiteratureSettings(BaseGenericSetting):
    PARTICLE_CHOICES = [
        (DUTCH, _("Dutch: 'Jong, W. de', sorted under J")),
        (FLEMISH, _("Flemish: 'De Jong, W.', sorted under D")),
    ]
    particle_convention = models.CharField(
        _("name particles in literature lists"),
        max_length=10,
        choices=PARTICLE_CHOICES,
        default=DUTCH,
        help_text=_("Changing this re-renders every article's citation and literature list."),
    )

    panels = [FieldPanel("particle_convention")]

    class Meta:
        verbose_name = _("literature settings")


class ArticleVersion(models.Model):
    """A published revision of an article, numbered 1, 2, … per article, with a stable URL
    (/artikel/<slug>/versie/<n>/) that keeps showing what was published then."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="article_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))
    change_summary = models.TextField(_("summary of changes"), blank=True)
    citation_html = models.TextField(blank=True, editable=False)
    literature_html = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="unique_article_version")
        ]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")

    def __str__(self):
        return f"{self.page_id} v{self.number}"
