import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kennisbank.offerings.models import OfferingIndexPage, OfferingPage
from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory, sector

from .factories import OfferingPageFactory, ProviderFactory, in_days, offering_index

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def listing(client, **params) -> str:
    """The listing's main content (the theme menu in the header names every filed item)."""
    response = client.get(offering_index().url, params)
    assert response.status_code == 200
    return response.content.decode().split('id="main"')[1]


def parse_calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_event_page_is_labelled_as_provider_content_with_event_json_ld(client):
    providers = [ProviderFactory(name="Stichting Samen"), ProviderFactory(name="Hogeschool Oost")]
    start, end = in_days(20, 10), in_days(20, 16)
    event = OfferingPageFactory(
        title="Congres veilig opgroeien",
        kind="evenement",
        city="Rotterdam",
        venue="De Doelen",
        providers=providers,
        sessions=[(start, end)],
        price=125,
        accreditation="5 registerpunten",
    )
    html = client.get(event.url).content.decode()
    assert "Aanbod" in html  # content label
    assert "verantwoordelijk" in html  # the provider-content notice
    assert "Stichting Samen" in html and "Hogeschool Oost" in html
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Congres veilig opgroeien"
    assert datetime.datetime.fromisoformat(data["startDate"]) == start
    assert datetime.datetime.fromisoformat(data["endDate"]) == end
    assert [o["name"] for o in data["organizer"]] == ["Stichting Samen", "Hogeschool Oost"]
    assert data["location"]["address"]["addressLocality"] == "Rotterdam"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["offers"]["price"] == "125.00"
    assert data["offers"]["priceCurrency"] == "EUR"


def test_course_json_ld_has_one_instance_per_date(client):
    course = OfferingPageFactory(
        kind="cursus",
        attendance_mode="online",
        city="",
        sessions=[(in_days(10, 19), in_days(10, 21)), (in_days(17, 19), in_days(17, 21))],
    )
    data = json_ld(client.get(course.url).content.decode())
    assert data["@type"] == "Course"
    assert data["provider"]["@type"] == "Organization"
    instances = data["hasCourseInstance"]
    assert len(instances) == 2
    assert {i["courseMode"] for i in instances} == {"online"}
    assert instances[0]["location"]["@type"] == "VirtualLocation"


def test_ics_per_event_parses_back(client):
    start, end = in_days(12, 13), in_days(12, 17)
    event = OfferingPageFactory(title="Studiemiddag taal", city="Zwolle", sessions=[(start, end)])
    calendar = parse_calendar(client.get(reverse("offerings:offering_ics", args=[event.pk])))
    assert str(calendar["version"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    vevent = events[0]
    assert str(vevent["summary"]) == "Studiemiddag taal"
    assert vevent.decoded("dtstart") == start
    assert vevent.decoded("dtend") == end
    assert "Zwolle" in str(vevent["location"])
    assert str(vevent["url"]).endswith(event.url)
    assert vevent["uid"] and vevent["dtstamp"]


def test_ics_of_a_filtered_listing_has_every_date_of_the_selection(client):
    theme = ThemePageFactory()
    topic = TopicPageFactory(parent=theme)
    course = OfferingPageFactory(
        topics=[topic], sessions=[(in_days(5, 9), in_days(5, 12)), (in_days(12, 9), None)]
    )
    OfferingPageFactory(short_title="Ander thema")
    OfferingPageFactory(topics=[topic], sessions=[(in_days(-20, 9), in_days(-20, 12))])
    response = client.get(reverse("offerings:listing_ics"), {"thema": theme.slug})
    events = parse_calendar(response).walk("VEVENT")
    assert len(events) == 2  # the course's two dates; not the past one, not the other theme
    assert {str(e["summary"]) for e in events} == {course.title}


def test_unknown_offering_ics_is_404(client):
    draft = OfferingPageFactory(publish=False)
    assert client.get(reverse("offerings:offering_ics", args=[draft.pk])).status_code == 404


def test_past_events_leave_the_listing_by_themselves(client):
    upcoming = OfferingPageFactory(short_title="Komt nog")
    past = OfferingPageFactory(
        short_title="Al geweest", sessions=[(in_days(-3, 9), in_days(-3, 17))]
    )
    running = OfferingPageFactory(
        short_title="Loopt nog", sessions=[(in_days(-7, 9), None), (in_days(7, 9), None)]
    )
    undated = OfferingPageFactory(short_title="Altijd te volgen", sessions=[])
    html = listing(client)
    for shown in (upcoming, running, undated):
        assert shown.short_title in html
    assert past.short_title not in html
    past_only = listing(client, wanneer="voorbij")
    assert past.short_title in past_only and upcoming.short_title not in past_only
    assert past.short_title in listing(client, wanneer="alle")


def test_listing_filters_by_theme_sector_city_online_and_month(client):
    theme = ThemePageFactory()
    topic = TopicPageFactory(parent=theme)
    in_theme = OfferingPageFactory(short_title="In thema", topics=[topic])
    vo = OfferingPageFactory(short_title="Voor vo", sectors=[sector("vo")])
    groningen = OfferingPageFactory(short_title="In Groningen", city="Groningen")
    online = OfferingPageFactory(short_title="Op afstand", attendance_mode="online", city="")
    far = in_days(100, 10)
    later = OfferingPageFactory(short_title="Veel later", sessions=[(far, None)])
    everything = {in_theme, vo, groningen, online, later}

    def only(html, expected):
        for offering in everything:
            assert (offering.short_title in html) == (offering in expected), offering.short_title

    only(listing(client, thema=theme.slug), {in_theme})
    only(listing(client, sector="vo"), {vo})
    only(listing(client, plaats="Groningen"), {groningen})
    only(listing(client, online="on"), {online})
    only(listing(client, maand=far.strftime("%Y-%m")), {later})


def test_bad_filter_values_are_reported_and_ignored(client):
    offering = OfferingPageFactory(short_title="Blijft zichtbaar")
    html = listing(client, maand="maart", sector="bestaat-niet")
    assert "jaar-maand" in html  # the month error, in Dutch
    assert 'role="alert"' in html
    assert offering.short_title in html


def test_cards_show_date_place_and_provider(client):
    provider = ProviderFactory(name="Centrum Leren")
    OfferingPageFactory(short_title="Kaarttraining", providers=[provider], city="Leiden")
    html = listing(client)
    card = html.split("Kaarttraining")[1].split("</article>")[0]
    assert "Centrum Leren" in card and "Leiden" in card


class OfferingAdminTests(WagtailPageTestCase):
    def setUp(self):
        user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(user)
        self.index = offering_index()
        self.provider = ProviderFactory()
        self.topic = TopicPageFactory()

    def form(self, **overrides):
        data = {
            "title": "Training rekenproblemen signaleren",
            "short_title": "Rekenproblemen signaleren",
            "slug": "rekenproblemen-signaleren",
            "lead": "Leer rekenproblemen vroeg herkennen.",
            "kind": "training",
            "status": "open",
            "offering_providers": inline_formset([{"provider": self.provider.pk}]),
            "sessions": inline_formset([{"start": "2031-03-04 09:00", "end": "2031-03-04 16:00"}]),
            "attendance_mode": "op-locatie",
            "city": "Amersfoort",
            "venue": "",
            "street_address": "",
            "price": "199.00",
            "price_note": "",
            "target_group": "Leraren groep 3 tot en met 8",
            "accreditation": "",
            "registration_url": "https://example.org/aanmelden",
            "description": streamfield([]),
            "page_topics": inline_formset([{"topic": self.topic.pk}]),
            "sectors": [sector("po").pk],
            "content_label": "",
            "related_pins": inline_formset([]),
            "related_exclusions": inline_formset([]),
            "published_date": "",
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(OfferingPage, {OfferingIndexPage})

    def test_editor_creates_an_offering_and_its_date_range_is_kept(self):
        self.assertCanCreate(self.index, OfferingPage, self.form())
        offering = OfferingPage.objects.get(slug="rekenproblemen-signaleren")
        assert offering.providers == [self.provider]
        assert offering.first_start.year == 2031
        assert offering.last_end.hour == 16 - 1 or offering.last_end.hour in (15, 16)
        assert offering.content_label == "aanbod"

    def test_session_ending_before_it_starts_is_refused(self):
        data = self.form(
            sessions=inline_formset([{"start": "2031-03-04 09:00", "end": "2031-03-03 16:00"}])
        )
        response = self.client.post(
            f"/admin/pages/add/offerings/offeringpage/{self.index.pk}/", data
        )
        assert response.status_code == 200
        assert not OfferingPage.objects.filter(slug="rekenproblemen-signaleren").exists()

    def test_on_site_offering_needs_a_city(self):
        response = self.client.post(
            f"/admin/pages/add/offerings/offeringpage/{self.index.pk}/", self.form(city="")
        )
        assert response.status_code == 200
        assert not OfferingPage.objects.filter(slug="rekenproblemen-signaleren").exists()


def test_past_offerings_also_leave_topic_and_theme_listings(client):
    theme = ThemePageFactory()
    topic = TopicPageFactory(parent=theme)
    upcoming = OfferingPageFactory(topics=[topic], short_title="Nog te gaan")
    past = OfferingPageFactory(
        topics=[topic], short_title="Voorbij", sessions=[(in_days(-9, 9), in_days(-9, 12))]
    )
    for url in (topic.url, theme.url):
        main = client.get(url).content.decode().split('id="main"')[1]
        assert upcoming.short_title in main
        assert past.short_title not in main
