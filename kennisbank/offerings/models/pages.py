import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from kennisbank.core.blocks import BodyBlock
from kennisbank.core.models import IntroPage
from kennisbank.core.pagination import paginate, requested_page_number
from kennisbank.related.panels import content_edit_handler
from kennisbank.taxonomy.listing import as_cards
from kennisbank.taxonomy.models import ContentLabel, ContentPage


class OfferingKind(models.TextChoices):
    COURSE = "cursus", _("course")
    TRAINING = "training", _("training")
    EVENT = "evenement", _("event")


class AttendanceMode(models.TextChoices):
    ON_SITE = "op-locatie", _("on site")
    ONLINE = "online", _("online")
    HYBRID = "hybride", _("hybrid")


class OfferingStatus(models.TextChoices):
    OPEN = "open", _("registration open")
    FULL = "vol", _("full")
    CANCELLED = "geannuleerd", _("cancelled")


class OfferingIndexPage(IntroPage):
    """The "Aanbod" listing with its filters (see offerings.filters)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["offerings.OfferingPage"]
    max_count = 1
    template = "offerings/offering_index_page.html"

    class Meta:
        verbose_name = _("offering index")

    def get_context(self, request, *args, **kwargs):
        from ..filters import OFFERINGS_PER_PAGE, OfferingFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = OfferingFilterForm(request.GET or None)
        offerings = form.filter(OfferingPage.objects.child_of(self).live().public())
        number = requested_page_number(request)
        items = paginate(offerings, number, OFFERINGS_PER_PAGE, as_cards)
        context.update(
            form=form, items=items, paginator=items.paginator, ics_query=form.ics_query()
        )
        return context


class OfferingPage(ContentPage):
    """A course, training or event offered by one or more providers. Its dates live in
    `OfferingSession`s; `first_start` and `last_end` are kept from them on save so listings can
    filter and sort on plain columns."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=OfferingKind.choices, default=OfferingKind.COURSE
    )
    attendance_mode = models.CharField(
        _("format"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ON_SITE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OfferingStatus.choices, default=OfferingStatus.OPEN
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    price = models.DecimalField(
        _("price (euro)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when the price is unknown; 0 for free."),
    )
    price_note = models.CharField(
        _("about the price"), max_length=200, blank=True, help_text=_("e.g. 'excl. btw'")
    )
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    accreditation = models.CharField(
        _("accreditation"),
        max_length=300,
        blank=True,
        help_text=_("e.g. '6 registerpunten Registerleraar'"),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    description = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    first_start = models.DateTimeField(_("first date"), null=True, blank=True, editable=False)
    last_end = models.DateTimeField(_("last date"), null=True, blank=True, editable=False)

    default_content_label = ContentLabel.OFFERING
    card_template = "offerings/includes/card_details.html"

    content_panels = ContentPage.content_panels + [
        FieldPanel("short_title"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        MultipleChooserPanel(
            "offering_providers",
            chooser_field_name="provider",
            label=_("Providers"),
            heading=_("Providers"),
            min_num=1,
        ),
        InlinePanel("sessions", label=_("Dates"), heading=_("Dates and times")),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("city"),
                FieldPanel("venue"),
                FieldPanel("street_address"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("price_note")]),
                FieldPanel("target_group"),
                FieldPanel("accreditation"),
                FieldPanel("registration_url"),
            ],
            heading=_("Practical"),
        ),
        FieldPanel("description"),
    ]
    edit_handler = content_edit_handler(
        content_panels, ContentPage.promote_panels, ContentPage.settings_panels
    )

    parent_page_types = ["offerings.OfferingIndexPage"]
    subpage_types: list[str] = []
    template = "offerings/offering_page.html"

    search_fields = ContentPage.search_fields + [
        index.SearchField("short_title"),
        index.SearchField("lead"),
        index.SearchField("description"),
        index.FilterField("city"),
    ]

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")

    def clean(self):
        super().clean()
        if self.attendance_mode != AttendanceMode.ONLINE and not self.city:
            raise ValidationError({"city": _("Give the city of an offering that is not online.")})

    def save(self, *args, **kwargs):
        self.update_date_range()
        super().save(*args, **kwargs)

    def update_date_range(self) -> None:
        sessions = [s for s in self.sessions.all() if s.start]
        self.first_start = min((s.start for s in sessions), default=None)
        self.last_end = max((s.end_or_start for s in sessions), default=None)

    # --- Reading -------------------------------------------------------------------------

    @cached_property
    def session_list(self) -> list:
        return sorted(self.sessions.all(), key=lambda s: s.start)

    @cached_property
    def providers(self) -> list:
        if "offering_providers" in getattr(self, "_prefetched_objects_cache", {}):
            links = self.offering_providers.all()
        else:
            links = self.offering_providers.select_related("provider")
        return [link.provider for link in links]

    @classmethod
    def expired_pages(cls, now: datetime.datetime):
        """Past offerings, which topic and theme listings leave out (taxonomy.listing)."""
        return cls.objects.filter(last_end__lt=now)

    def is_past(self, now: datetime.datetime | None = None) -> bool:
        """Over when its last session has ended. Offerings without dates (e.g. a self-paced
        online course) never are."""
        return self.last_end is not None and self.last_end < (now or timezone.now())

    @property
    def upcoming_sessions(self) -> list:
        now = timezone.now()
        return [s for s in self.session_list if s.end_or_start >= now]

    @property
    def next_session(self):
        upcoming = self.upcoming_sessions
        return upcoming[0] if upcoming else None

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID)

    @property
    def is_event(self) -> bool:
        return self.kind != OfferingKind.COURSE

    def related_text(self) -> str:
        body = " ".join(self.description.stream_block.get_searchable_content(self.description))
        return " ".join([self.title, self.lead, self.target_group, body])

    @classmethod
    def prepare_cards(cls, pages):
        prefetch_related_objects(
            pages,
            Prefetch("offering_providers", OfferingProvider.objects.select_related("provider")),
            "sessions",
        )

    def get_json_ld(self, request=None) -> dict:
        from ..schema import offering_json_ld

        return offering_json_ld(self, request)


class OfferingSession(Orderable):
    """One date of an offering: a single event day, or one meeting of a course."""

    page = ParentalKey(OfferingPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="offering_session_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})

    @property
    def end_or_start(self) -> datetime.datetime:
        return self.end or self.start


class OfferingProvider(Orderable):
    page = ParentalKey(OfferingPage, on_delete=models.CASCADE, related_name="offering_providers")
    provider = models.ForeignKey(
        "offerings.Provider",
        on_delete=models.PROTECT,
        related_name="offering_links",
        verbose_name=_("provider"),
    )

    panels = [FieldPanel("provider")]

    class Meta(Orderable.Meta):
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
