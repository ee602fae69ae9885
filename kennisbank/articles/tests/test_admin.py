import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kennisbank.articles.models import ArticleIndexPage, ArticlePage
from kennisbank.home.models import HomePage
from kennisbank.literature.services import reference_for_text
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.taxonomy.models import ThemePage, TopicPage
from kennisbank.taxonomy.tests.factories import TopicPageFactory, sector

from .factories import ArticlePageFactory, article_index


def article_form_data(author, topic, reference, **overrides):
    data = {
        "title": "Feedback die leerlingen verder helpt",
        "short_title": "Feedback die helpt",
        "slug": "feedback-die-helpt",
        "lead": "Wat goede feedback is en hoe je haar geeft.",
        "article_authors": inline_formset([{"author": author.pk}]),
        "body": streamfield(
            [
                ("heading", {"text": "Inleiding", "level": "h2"}),
                ("paragraph", rich_text("<p>Tekst.</p>")),
            ]
        ),
        "literature_links": inline_formset([{"reference": reference.pk}]),
        "page_topics": inline_formset([{"topic": topic.pk}]),
        "sectors": [sector("po").pk],
        "related_pins": inline_formset([]),
        "related_exclusions": inline_formset([]),
        "published_date": "2024-05-01",
        "updated_date": "",
    }
    data.update(overrides)
    return nested_form_data(data)


class ArticleAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
        self.client.force_login(self.user)
        self.index = article_index()
        self.author = AuthorFactory()
        self.topic = TopicPageFactory()
        self.reference = reference_for_text(
            "Hattie, J., & Timperley, H. (2007). The power of feedback."
        )[0]

    def test_page_tree_rules(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, {})
        self.assertAllowedParentPageTypes(TopicPage, {ThemePage})
        self.assertAllowedParentPageTypes(ThemePage, {HomePage})
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_editor_creates_and_publishes_an_article(self):
        self.assertCanCreate(
            self.index, ArticlePage, article_form_data(self.author, self.topic, self.reference)
        )
        article = ArticlePage.objects.get(slug="feedback-die-helpt")
        self.assertEqual(article.authors, [self.author])
        self.assertEqual(article.topics, [self.topic])
        self.assertEqual(
            article.literature, ["Hattie, J., & Timperley, H. (2007). The power of feedback."]
        )

    def test_article_without_author_or_topic_is_refused(self):
        data = article_form_data(self.author, self.topic, self.reference)
        data.update(
            nested_form_data(
                {"article_authors": inline_formset([]), "page_topics": inline_formset([])}
            )
        )
        data["action-publish"] = "action-publish"
        response = self.client.post(f"/admin/pages/add/articles/articlepage/{self.index.pk}/", data)
        self.assertEqual(response.status_code, 200)  # the form comes back with errors
        formsets = response.context["form"].formsets
        self.assertTrue(formsets["article_authors"].non_form_errors())
        self.assertTrue(formsets["page_topics"].non_form_errors())
        self.assertFalse(ArticlePage.objects.filter(slug="feedback-die-helpt").exists())

    def test_editing_saves_a_draft_without_changing_the_live_page(self):
        article = ArticlePageFactory(authors=[self.author], topics=[self.topic])
        data = article_form_data(
            self.author, self.topic, self.reference, title="Nieuwe titel", slug=article.slug
        )
        response = self.client.post(f"/admin/pages/{article.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        article.refresh_from_db()
        self.assertNotEqual(article.title, "Nieuwe titel")
        self.assertTrue(article.has_unpublished_changes)
        self.assertEqual(article.get_latest_revision_as_object().title, "Nieuwe titel")

    def test_preview_shows_unsaved_topics_and_authors(self):
        article = ArticlePageFactory(authors=[self.author], topics=[self.topic])
        self.client.get(article.url)  # the live page's relations are now cached
        other_author = AuthorFactory(given_name="Nieuwe", family_name="Auteur")
        data = article_form_data(other_author, self.topic, self.reference, slug=article.slug)
        preview_url = f"/admin/pages/{article.pk}/edit/preview/"
        self.assertEqual(self.client.post(preview_url, data).json()["is_valid"], True)
        html = self.client.get(preview_url).content.decode()
        self.assertIn("Nieuwe Auteur", html)


@pytest.mark.django_db
def test_admin_pages_load_for_an_editor(admin_client):
    article = ArticlePageFactory()
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert (
        admin_client.get(f"/admin/pages/add/articles/articlepage/{article_index().pk}/").status_code
        == 200
    )
    assert admin_client.get("/admin/snippets/people/author/").status_code == 200
