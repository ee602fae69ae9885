from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from kennisbank.taxonomy.listing import as_cards

from .filters import OfferingFilterForm
from .ical import calendar_for
from .models import OfferingIndexPage, OfferingPage

# A feed of a whole listing is capped so a broad filter cannot build an unbounded response.
MAX_FEED_OFFERINGS = 200


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def offering_ics(request, pk: int):
    offering = OfferingPage.objects.live().public().filter(pk=pk).first()
    if offering is None:
        raise Http404
    as_cards([offering])
    return _ics_response(calendar_for([offering], offering.title, request), f"{offering.slug}.ics")


def listing_ics(request):
    """The listing's current selection as a calendar, with the same filters as the page."""
    index = OfferingIndexPage.objects.live().first()
    offerings = OfferingPage.objects.live().public()
    if index is not None:
        offerings = offerings.child_of(index)
    form = OfferingFilterForm(request.GET or None)
    selection = as_cards(form.filter(offerings)[:MAX_FEED_OFFERINGS])
    return _ics_response(calendar_for(selection, _("Offerings"), request), "aanbod.ics")
