import factory

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.search.models import ProtectedWord, Synonym


def body(text: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class SearchArticleFactory(ArticlePageFactory):
    """An article whose body is the given `text`."""

    class Params:
        text = "Een tekst."

    body = factory.LazyAttribute(lambda o: body(o.text))


class SynonymFactory(factory.django.DjangoModelFactory):
    kind = Synonym.Kind.SYNONYM
    terms = "fiets, rijwiel"

    class Meta:
        model = Synonym


class ProtectedWordFactory(factory.django.DjangoModelFactory):
    word = factory.Sequence(lambda n: f"woord{n}")

    class Meta:
        model = ProtectedWord
