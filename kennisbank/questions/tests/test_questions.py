import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from kennisbank.home.models import HomePage
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.questions.models import ResearchQuestionIndexPage, ResearchQuestionPage
from kennisbank.taxonomy.tests.factories import ThemePageFactory, TopicPageFactory, sector

from .factories import ResearchQuestionPageFactory, question_index

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_question_page_shows_the_short_answer_before_the_summary(client):
    author = AuthorFactory(given_name="Noor", family_name="Bakker")
    question = ResearchQuestionPageFactory(
        title="Helpt traumasensitief lesgeven vluchtelingenkinderen?",
        question="Helpt traumasensitief lesgeven kinderen die gevlucht zijn?",
        short_answer="Er zijn aanwijzingen van wel, vooral voor het gevoel van veiligheid.",
        evidence_strength="beperkt",
        answered_by=[author],
        sources=["Jansen, P. (2019). Veilig leren. Uitgeverij X."],
    )
    html = client.get(question.url).content.decode()
    assert "Onderzoekssamenvatting" in html  # the content label
    assert "Helpt traumasensitief lesgeven kinderen die gevlucht zijn?" in html
    answer_at = html.index("Er zijn aanwijzingen van wel")
    assert answer_at < html.index("Twee studies vonden een klein effect")
    assert "Beperkt" in html
    assert "Jansen, P. (2019)" in html
    assert "Noor Bakker" in html


def test_not_researched_is_explained_as_unknown_not_as_does_not_work(client):
    question = ResearchQuestionPageFactory(evidence_strength="niet-onderzocht")
    html = client.get(question.url).content.decode()
    assert "Niet onderzocht" in html
    assert "betekent niet dat het niet werkt" in html
    assert "evidence__scale" not in html  # no strength scale for "unknown"
    strong = ResearchQuestionPageFactory(evidence_strength="sterk")
    assert "evidence__scale" in client.get(strong.url).content.decode()


def test_question_json_ld_is_a_qa_page(client):
    author = AuthorFactory(given_name="Sanne", family_name="Visser")
    question = ResearchQuestionPageFactory(answered_by=[author], sources=["Bron, B. (2021)."])
    data = json_ld(client.get(question.url).content.decode())
    assert data["@type"] == "QAPage"
    entity = data["mainEntity"]
    assert entity["@type"] == "Question"
    assert entity["name"] == question.title
    assert entity["text"] == question.question
    assert entity["acceptedAnswer"]["text"] == question.short_answer
    assert entity["acceptedAnswer"]["author"] == [{"@type": "Person", "name": "Sanne Visser"}]
    assert entity["citation"] == ["Bron, B. (2021)."]


def test_index_lists_questions_per_theme(client):
    theme_a, theme_b = ThemePageFactory(title="Leren"), ThemePageFactory(title="Gedrag")
    in_a = ResearchQuestionPageFactory(
        short_title="Vraag over leren", topics=[TopicPageFactory(parent=theme_a)]
    )
    in_b = ResearchQuestionPageFactory(
        short_title="Vraag over gedrag", topics=[TopicPageFactory(parent=theme_b)]
    )
    draft = ResearchQuestionPageFactory(
        short_title="Conceptvraag", topics=[TopicPageFactory(parent=theme_a)], publish=False
    )
    index = question_index()

    def main(response) -> str:  # the theme menu in the header names every filed item
        return response.content.decode().split('id="main"')[1]

    everything = main(client.get(index.url))
    assert in_a.short_title in everything and in_b.short_title in everything
    assert draft.short_title not in everything
    only_a = main(client.get(index.url, {"thema": theme_a.slug}))
    assert in_a.short_title in only_a
    assert in_b.short_title not in only_a
    unknown = client.get(index.url, {"thema": "bestaat-niet"})
    assert unknown.status_code == 200
    html = main(unknown)
    assert "bestaat niet" in html and in_b.short_title in html


def test_question_gets_the_research_summary_label_unless_the_editor_picks_another():
    question = ResearchQuestionPageFactory()
    assert question.content_label == "onderzoekssamenvatting"
    other = ResearchQuestionPageFactory(content_label="praktijkvoorbeeld")
    assert other.label == "praktijkvoorbeeld"


class QuestionAdminTests(WagtailPageTestCase):
    def setUp(self):
        user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(user)
        self.index = question_index()
        self.author = AuthorFactory()
        self.topic = TopicPageFactory()

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(ResearchQuestionIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ResearchQuestionPage, {ResearchQuestionIndexPage})

    def test_editor_creates_a_question(self):
        data = nested_form_data(
            {
                "title": "Helpt bewegend leren bij rekenen?",
                "short_title": "Bewegend leren",
                "slug": "bewegend-leren",
                "question": "Leren kinderen de tafels beter als ze erbij bewegen?",
                "lead": "Over bewegend leren.",
                "short_answer": "Een klein positief effect op het onthouden.",
                "evidence_strength": "redelijk",
                "evidence_note": "",
                "evidence_summary": streamfield([]),
                "sources": inline_formset([{"text": "Bron, A. (2020). Titel."}]),
                "answerers": inline_formset([{"author": self.author.pk}]),
                "answered_date": "2024-03-01",
                "page_topics": inline_formset([{"topic": self.topic.pk}]),
                "sectors": [sector("po").pk],
                "content_label": "",
                "related_pins": inline_formset([]),
                "related_exclusions": inline_formset([]),
                "published_date": "",
            }
        )
        self.assertCanCreate(self.index, ResearchQuestionPage, data)
        question = ResearchQuestionPage.objects.get(slug="bewegend-leren")
        assert question.answered_by == [self.author]
        assert question.source_list == ["Bron, A. (2020). Titel."]
        assert question.content_label == "onderzoekssamenvatting"
