import datetime

import factory

from kennisbank.articles.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    ArticleReference,
)
from kennisbank.home.models import HomePage
from kennisbank.literature.services import reference_for_text
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.taxonomy.models import PageTopic
from kennisbank.taxonomy.tests.factories import PageFactory, TopicPageFactory, add_page

BODY = [
    {"type": "heading", "value": {"text": "Inleiding", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Een eerste alinea over leren in de klas.</p>"},
    {"type": "list", "value": {"style": "bulleted", "items": ["<p>een</p>", "<p>twee</p>"]}},
    {"type": "heading", "value": {"text": "Conclusie", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Tot slot.</p>"},
]


class ArticleIndexPageFactory(PageFactory):
    title = "Artikelen"
    slug = "artikel"

    class Meta:
        model = ArticleIndexPage


def article_index() -> ArticleIndexPage:
    return ArticleIndexPage.objects.first() or ArticleIndexPageFactory(
        parent=HomePage.objects.get()
    )


class ArticlePageFactory(PageFactory):
    """An article with authors, topics and literature. Pass `authors=[...]`, `topics=[...]`,
    `literature=[...]` to choose them; by default one of each is made. Literature strings become
    shared References (an existing one with the same text is reused)."""

    title = factory.Sequence(lambda n: f"Een volledige titel van artikel {n}")
    short_title = factory.Sequence(lambda n: f"Artikel {n}")
    lead = "Een korte inleiding van het artikel."
    published_date = datetime.date(2021, 3, 15)
    body = BODY

    class Meta:
        model = ArticlePage

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        parent=None,
        publish=True,
        authors=None,
        topics=None,
        literature=None,
        sectors=(),
        **kwargs,
    ):
        page = model_class(*args, **kwargs)
        page.article_authors = [ArticleAuthor(author=a) for a in (authors or [AuthorFactory()])]
        page.page_topics = [PageTopic(topic=t) for t in (topics or [TopicPageFactory()])]
        page.literature_links = [
            ArticleReference(reference=reference_for_text(text)[0])
            for text in (
                literature
                if literature is not None
                else ["Bowlby, J. (1988). A secure base. Routledge."]
            )
        ]
        page.sectors = list(sectors)
        return add_page(parent or article_index(), page, publish)
