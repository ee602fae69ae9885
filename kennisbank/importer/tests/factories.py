import factory

from kennisbank.importer.models import ImportRun
from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory


class ImportRunFactory(factory.django.DjangoModelFactory):
    origin = "admin"
    report = factory.LazyFunction(lambda: {"counts": {}, "items": []})

    class Meta:
        model = ImportRun


def theme_with_topics(theme: str, *topics: str):
    parent = ThemePageFactory(title=theme)
    return parent, [TopicPageFactory(title=title, parent=parent) for title in topics]
