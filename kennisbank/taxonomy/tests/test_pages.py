import pytest

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.taxonomy.menu import build_theme_menu

from .factories import ThemePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


def test_theme_page_lists_its_topics_and_newest_items(client):
    theme = ThemePageFactory(title="Hoogbegaafdheid")
    topic = TopicPageFactory(parent=theme, title="Onderpresteren")
    ArticlePageFactory(topics=[topic], short_title="Slimme onderpresteerders")
    html = client.get(theme.url).content.decode()
    assert "Onderpresteren" in html
    assert "Slimme onderpresteerders" in html


def test_topic_page_paginates_and_survives_bad_page_numbers(client):
    topic = TopicPageFactory()
    for number in range(14):
        ArticlePageFactory(topics=[topic], short_title=f"Stuk {number:02d}")
    first = client.get(topic.url)
    assert first.status_code == 200
    assert "14 items" in first.content.decode()
    assert first.content.decode().count('class="card card--articlepage"') == 12
    second = client.get(topic.url, {"pagina": 2}).content.decode()
    assert second.count('class="card card--articlepage"') == 2
    for bad in ("999", "abc", "-1", "1e9"):
        assert client.get(topic.url, {"pagina": bad}).status_code == 200


def test_theme_menu_lists_short_titles_under_their_theme_and_follows_publishing(client):
    theme = ThemePageFactory(title="Leren")
    topic = TopicPageFactory(parent=theme)
    article = ArticlePageFactory(topics=[topic], short_title="Leren met zelftoetsen")
    menu = {entry["title"]: entry for entry in build_theme_menu()}
    assert [item["title"] for item in menu["Leren"]["items"]] == ["Leren met zelftoetsen"]
    assert menu["Leren"]["items"][0]["url"] == article.url

    assert "Leren met zelftoetsen" in client.get("/").content.decode()
    article.unpublish()
    assert "Leren met zelftoetsen" not in client.get("/").content.decode()


def test_draft_items_are_not_listed(client):
    topic = TopicPageFactory()
    ArticlePageFactory(topics=[topic], short_title="Nog niet af", publish=False)
    assert "Nog niet af" not in client.get(topic.url).content.decode()


def test_cached_listings_follow_publishing(client):
    topic = TopicPageFactory()
    ArticlePageFactory(topics=[topic], short_title="Eerste stuk")
    assert "Eerste stuk" in client.get(topic.url).content.decode()  # listing now cached
    ArticlePageFactory(topics=[topic], short_title="Tweede stuk")
    html = client.get(topic.url).content.decode()
    assert "Tweede stuk" in html
    assert "Tweede stuk" in client.get(topic.get_parent().url).content.decode()
    assert "Tweede stuk" in client.get("/").content.decode()
