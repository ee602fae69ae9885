"""schema.org data for offerings: an `Event` for events and trainings, a `Course` with one
`CourseInstance` per date for courses."""

from .models import AttendanceMode, OfferingStatus

ATTENDANCE = {
    AttendanceMode.ON_SITE: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
COURSE_MODE = {
    AttendanceMode.ON_SITE: "onsite",
    AttendanceMode.ONLINE: "online",
    AttendanceMode.HYBRID: "blended",
}
AVAILABILITY = {
    OfferingStatus.OPEN: "https://schema.org/InStock",
    OfferingStatus.FULL: "https://schema.org/SoldOut",
    OfferingStatus.CANCELLED: "https://schema.org/Discontinued",
}


def _location(offering, url: str):
    place = None
    if offering.attendance_mode != AttendanceMode.ONLINE:
        place = {
            "@type": "Place",
            "name": offering.venue or offering.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": offering.city,
                "addressCountry": "NL",
                **({"streetAddress": offering.street_address} if offering.street_address else {}),
            },
        }
    virtual = {"@type": "VirtualLocation", "url": offering.registration_url or url}
    if offering.attendance_mode == AttendanceMode.ON_SITE:
        return place
    if offering.attendance_mode == AttendanceMode.ONLINE:
        return virtual
    return [place, virtual]


def _offer(offering, url: str) -> dict | None:
    if offering.price is None:
        return None
    return {
        "@type": "Offer",
        "price": f"{offering.price:.2f}",
        "priceCurrency": "EUR",
        "availability": AVAILABILITY[offering.status],
        "url": offering.registration_url or url,
    }


def offering_json_ld(offering, request=None) -> dict:
    url = offering.get_full_url(request)
    organisers = [provider.json_ld() for provider in offering.providers]
    sessions = offering.session_list
    common = {
        "name": offering.title,
        "description": offering.lead,
        "url": url,
        "inLanguage": "nl",
        "about": [{"@type": "Thing", "name": topic.title} for topic in offering.topics],
    }
    offer = _offer(offering, url)
    if offering.is_event:
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            **common,
            "organizer": organisers,
            "eventAttendanceMode": ATTENDANCE[offering.attendance_mode],
            "eventStatus": (
                "https://schema.org/EventCancelled"
                if offering.status == OfferingStatus.CANCELLED
                else "https://schema.org/EventScheduled"
            ),
            "location": _location(offering, url),
        }
        if sessions:
            data["startDate"] = sessions[0].start.isoformat()
            data["endDate"] = max(s.end_or_start for s in sessions).isoformat()
        if len(sessions) > 1:
            data["subEvent"] = [
                {
                    "@type": "Event",
                    "name": offering.title,
                    "startDate": s.start.isoformat(),
                    "endDate": s.end_or_start.isoformat(),
                    "eventAttendanceMode": ATTENDANCE[offering.attendance_mode],
                    "location": _location(offering, url),
                }
                for s in sessions
            ]
        if offer:
            data["offers"] = offer
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "Course",
            **common,
            "provider": organisers[0] if len(organisers) == 1 else organisers,
            "hasCourseInstance": [
                {
                    "@type": "CourseInstance",
                    "courseMode": COURSE_MODE[offering.attendance_mode],
                    "startDate": s.start.isoformat(),
                    "endDate": s.end_or_start.isoformat(),
                    "location": _location(offering, url),
                }
                for s in sessions
            ],
        }
        if offer:
            data["offers"] = offer
    if offering.target_group:
        data["audience"] = {"@type": "Audience", "audienceType": offering.target_group}
    if offering.accreditation:
        data["educationalCredentialAwarded"] = offering.accreditation
    return data
