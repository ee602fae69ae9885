import datetime

import factory

from kennisbank.home.models import HomePage
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.questions.models import (
    QuestionAnswerer,
    QuestionSource,
    ResearchQuestionIndexPage,
    ResearchQuestionPage,
)
from kennisbank.taxonomy.models import PageTopic
from kennisbank.taxonomy.tests.factories import PageFactory, TopicPageFactory, add_page


class ResearchQuestionIndexPageFactory(PageFactory):
    title = "Kennisvragen"
    slug = "kennisvragen"

    class Meta:
        model = ResearchQuestionIndexPage


def question_index() -> ResearchQuestionIndexPage:
    return ResearchQuestionIndexPage.objects.first() or ResearchQuestionIndexPageFactory(
        parent=HomePage.objects.get()
    )


class ResearchQuestionPageFactory(PageFactory):
    """A research question; pass `topics=[...]`, `answered_by=[...]`, `sources=[...]`."""

    title = factory.Sequence(lambda n: f"Werkt aanpak {n} in de klas?")
    short_title = factory.Sequence(lambda n: f"Aanpak {n}")
    question = "Helpt deze aanpak leerlingen die moeite hebben met concentreren?"
    lead = "Wat onderzoek zegt over deze aanpak."
    short_answer = "Waarschijnlijk een beetje, vooral in combinatie met duidelijke instructie."
    evidence_strength = "redelijk"
    published_date = datetime.date(2024, 2, 1)
    answered_date = datetime.date(2024, 1, 20)
    evidence_summary = [
        {"type": "paragraph", "value": "<p>Twee studies vonden een klein effect.</p>"}
    ]

    class Meta:
        model = ResearchQuestionPage

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        parent=None,
        publish=True,
        topics=None,
        answered_by=None,
        sources=None,
        sectors=(),
        **kwargs,
    ):
        page = model_class(*args, **kwargs)
        page.page_topics = [PageTopic(topic=t) for t in (topics or [TopicPageFactory()])]
        page.answerers = [QuestionAnswerer(author=a) for a in (answered_by or [AuthorFactory()])]
        page.sources = [
            QuestionSource(text=text)
            for text in (sources if sources is not None else ["Auteur, A. (2020). Titel."])
        ]
        page.sectors = list(sectors)
        return add_page(parent or question_index(), page, publish)
