import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from kennisbank.home.models import HomePage
from kennisbank.offerings.models import (
    OfferingIndexPage,
    OfferingPage,
    OfferingProvider,
    OfferingSession,
    Provider,
)
from kennisbank.taxonomy.models import PageTopic
from kennisbank.taxonomy.tests.factories import PageFactory, TopicPageFactory, add_page


class ProviderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Aanbieder {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = "Een opleider voor het onderwijs."
    website = "https://aanbieder.example.org"
    contact_email = "info@aanbieder.example.org"

    class Meta:
        model = Provider


class OfferingIndexPageFactory(PageFactory):
    title = "Aanbod"
    slug = "aanbod"

    class Meta:
        model = OfferingIndexPage


def offering_index() -> OfferingIndexPage:
    return OfferingIndexPage.objects.first() or OfferingIndexPageFactory(
        parent=HomePage.objects.get()
    )


def in_days(days: float, hour: int = 9) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class OfferingPageFactory(PageFactory):
    """An offering. `sessions=[(start, end), ...]` (default: one day, 30 days ahead),
    `providers=[...]`, `topics=[...]`."""

    title = factory.Sequence(lambda n: f"Training nummer {n} voor leraren")
    short_title = factory.Sequence(lambda n: f"Training {n}")
    lead = "Een praktische training voor leraren."
    kind = "training"
    attendance_mode = "op-locatie"
    city = "Utrecht"
    venue = "Zaal De Linde"
    price = 295
    registration_url = "https://aanbieder.example.org/aanmelden"
    published_date = datetime.date(2024, 1, 10)

    class Meta:
        model = OfferingPage

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        parent=None,
        publish=True,
        topics=None,
        providers=None,
        sessions=None,
        sectors=(),
        **kwargs,
    ):
        page = model_class(*args, **kwargs)
        page.page_topics = [PageTopic(topic=t) for t in (topics or [TopicPageFactory()])]
        page.offering_providers = [
            OfferingProvider(provider=p) for p in (providers or [ProviderFactory()])
        ]
        if sessions is None:
            sessions = [(in_days(30, 9), in_days(30, 16))]
        page.sessions = [OfferingSession(start=start, end=end) for start, end in sessions]
        page.sectors = list(sectors)
        return add_page(parent or offering_index(), page, publish)
