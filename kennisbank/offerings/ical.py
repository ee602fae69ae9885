"""iCalendar (RFC 5545) for offerings, built with the `icalendar` package: one VEVENT per date,
times in UTC so no VTIMEZONE component is needed."""

import datetime

from django.utils import timezone

from .models import OfferingStatus

PRODID = "-//Kennisbank//Aanbod//NL"


def calendar_for(offerings, name: str, request=None) -> bytes:
    # Imported here: icalendar (with dateutil, ~170 modules) serves only the calendar download,
    # and the views module that calls this is loaded with the URLconf by every worker.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC)
    host = request.get_host().split(":")[0] if request else "kennisbank"
    for offering in offerings:
        url = offering.get_full_url(request)
        providers = ", ".join(provider.name for provider in offering.providers)
        place = ", ".join(p for p in (offering.venue, offering.street_address, offering.city) if p)
        for session in offering.session_list:
            event = Event()
            event.add("uid", f"aanbod-{offering.pk}-{session.pk}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", session.start.astimezone(datetime.UTC))
            event.add("dtend", session.end_or_start.astimezone(datetime.UTC))
            event.add("summary", offering.title)
            description = offering.lead
            if providers:
                description += f"\n\nAanbieder: {providers}"
            event.add("description", f"{description}\n\n{url}")
            event.add("url", url)
            if place or offering.is_online:
                event.add("location", place or "Online")
            event.add(
                "status",
                "CANCELLED" if offering.status == OfferingStatus.CANCELLED else "CONFIRMED",
            )
            event.add("categories", [str(offering.get_kind_display())])
            calendar.add_component(event)
    return calendar.to_ical()
