import pytest

from kennisbank.articles.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_publicly_cacheable(client):
    article = ArticlePageFactory()
    response = client.get(article.url)
    cache_control = response["Cache-Control"]
    assert (
        "public" in cache_control
        and "max-age=300" in cache_control
        and "s-maxage=86400" in cache_control
    )
    assert "Cookie" in response["Vary"]
    assert "Set-Cookie" not in response.headers


def test_pages_for_signed_in_editors_are_not_publicly_cacheable(admin_client):
    article = ArticlePageFactory()
    response = admin_client.get(article.url)
    assert "public" not in response.get("Cache-Control", "")


def test_public_pages_contain_nothing_per_user(client, admin_client):
    article = ArticlePageFactory()
    anonymous = client.get(article.url).content.decode()
    assert "csrfmiddlewaretoken" not in anonymous
    assert "admin" not in anonymous.split("<footer")[0].lower()


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'self'" in csp


def test_admin_gets_its_own_csp(admin_client):
    csp = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in csp


def test_not_found_page_is_dutch_and_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_robots_and_sitemap(client):
    article = ArticlePageFactory()
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert article.slug in sitemap


def test_api_lists_articles_with_authors(client):
    article = ArticlePageFactory()
    data = client.get(
        "/api/v2/pages/", {"type": "articles.ArticlePage", "fields": "api_authors,short_title"}
    ).json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == article.title
    assert item["short_title"] == article.short_title
    assert item["api_authors"][0]["name"] == article.authors[0].full_name


def test_newsletter_call_to_action_leads_to_a_page(client):
    html = client.get("/").content.decode()
    assert 'href="/nieuwsbrief/"' in html
    assert client.get("/nieuwsbrief/").status_code == 200


def test_renaming_an_author_reaches_cached_related_cards(client):
    from kennisbank.people.tests.factories import AuthorFactory
    from kennisbank.taxonomy.tests.factories import TopicPageFactory

    topic = TopicPageFactory()
    author = AuthorFactory(given_name="Oude", family_name="Naam")
    article = ArticlePageFactory(topics=[topic])
    ArticlePageFactory(topics=[topic], authors=[author])
    assert "Oude Naam" in client.get(article.url).content.decode()  # now cached
    author.given_name = "Nieuwe"
    author.save_revision().publish()
    assert "Nieuwe Naam" in client.get(article.url).content.decode()
