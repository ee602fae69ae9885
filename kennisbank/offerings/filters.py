"""The offering listing's filters, shared by the listing page and its iCalendar feed.

Upcoming offerings only unless the reader asks otherwise: "past" is decided at query time from
`last_end`, so an event leaves the listing by itself when it is over, without a republish."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kennisbank.taxonomy.models import PageTopic, Sector, ThemePage

from .models import AttendanceMode, OfferingPage, OfferingSession

OFFERINGS_PER_PAGE = 12
WHEN_UPCOMING, WHEN_PAST, WHEN_ALL = "komend", "voorbij", "alle"


class OfferingFilterForm(forms.Form):
    wanneer = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[
            (WHEN_UPCOMING, _("Upcoming")),
            (WHEN_PAST, _("Past")),
            (WHEN_ALL, _("All")),
        ],
    )
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    plaats = forms.ChoiceField(label=_("City"), required=False)
    online = forms.BooleanField(label=_("Online or hybrid only"), required=False)
    maand = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        help_text=_("As year-month, e.g. 2026-03."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": r"\d{4}-\d{2}"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.themes = {t.slug: t for t in ThemePage.objects.live().public().order_by("title")}
        self.fields["thema"].choices = anything + [(s, t.title) for s, t in self.themes.items()]
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.fields["sector"].choices = anything + [(c, s.name) for c, s in self.sectors.items()]
        cities = (
            OfferingPage.objects.live()
            .exclude(city="")
            .order_by("city")
            .values_list("city", flat=True)
            .distinct()
        )
        self.fields["plaats"].choices = anything + [(c, c) for c in cities]

    def clean_maand(self):
        value = self.cleaned_data.get("maand", "").strip()
        if not value:
            return None
        try:
            return datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(
                _("Give the month as year-month, e.g. 2026-03."), code="invalid_month"
            ) from None

    def values(self) -> dict:
        """The valid filters; invalid ones are ignored (and their errors shown)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}

    def filter(self, offerings, now: datetime.datetime | None = None):
        now = now or timezone.now()
        values = self.values()
        when = values.get("wanneer", WHEN_UPCOMING)
        month = values.get("maand")
        upcoming = Q(last_end__isnull=True) | Q(last_end__gte=now)
        if when == WHEN_UPCOMING and not month:
            offerings = offerings.filter(upcoming)
        elif when == WHEN_PAST:
            offerings = offerings.filter(last_end__lt=now)
        if "thema" in values:
            theme = self.themes[values["thema"]]
            offerings = offerings.filter(
                Exists(
                    PageTopic.objects.filter(
                        page=OuterRef("pk"),
                        topic__path__startswith=theme.path,
                        topic__depth=theme.depth + 1,
                    )
                )
            )
        if "sector" in values:
            offerings = offerings.filter(sectors=self.sectors[values["sector"]])
        if "plaats" in values:
            offerings = offerings.filter(city=values["plaats"])
        if values.get("online"):
            offerings = offerings.filter(
                attendance_mode__in=[AttendanceMode.ONLINE, AttendanceMode.HYBRID]
            )
        if month:
            start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
            next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            end = timezone.make_aware(datetime.datetime.combine(next_month, datetime.time()))
            offerings = offerings.filter(
                Exists(
                    OfferingSession.objects.filter(
                        page=OuterRef("pk"), start__gte=start, start__lt=end
                    )
                )
            )
        if when == WHEN_PAST:
            return offerings.order_by(F("last_end").desc(nulls_last=True), "-pk")
        next_start = OfferingSession.objects.filter(page=OuterRef("pk"), start__gte=now)
        return offerings.annotate(
            next_start=Subquery(next_start.order_by("start").values("start")[:1])
        ).order_by(F("next_start").asc(nulls_last=True), "first_start", "pk")

    def ics_query(self) -> str:
        values = dict(self.values())
        if "maand" in values:
            values["maand"] = values["maand"].strftime("%Y-%m")
        if values.get("online"):
            values["online"] = "on"
        return urlencode(values)
