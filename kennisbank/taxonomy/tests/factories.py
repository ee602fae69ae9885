import factory
from django.utils.text import slugify

from kennisbank.home.models import HomePage
from kennisbank.taxonomy.models import Sector, ThemePage, TopicPage


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page under `parent` (default: the site's home page) and publishes it."""

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, publish=True, **kwargs):
        return add_page(parent or HomePage.objects.get(), model_class(*args, **kwargs), publish)


def add_page(parent, page, publish=True):
    """Adds `page` under `parent`, as the admin does: a revision, then published or left a draft."""
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


class ThemePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    intro = "Een thema om te testen."

    class Meta:
        model = ThemePage


class TopicPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Onderwerp {n}")

    class Meta:
        model = TopicPage

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        return super()._create(model_class, *args, parent=parent or ThemePageFactory(), **kwargs)


def sector(code: str) -> Sector:
    return Sector.objects.get(code=code)
