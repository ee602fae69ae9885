import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kennisbank.core.models import SiteSettings
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.taxonomy.tests.factories import TopicPageFactory, sector

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_article_page_shows_everything_the_reference_page_shows(client):
    author = AuthorFactory(
        given_name="Willem",
        initials="W.",
        particle="de",
        family_name="Jong",
        bio_line="Orthopedagoog",
        organisation="Bureau Voorbeeld",
    )
    topic = TopicPageFactory(title="Hechting")
    article = ArticlePageFactory(
        title="Een neurobiologisch perspectief op hechting",
        short_title="Perspectieven hechting",
        authors=[author],
        topics=[topic],
        literature=[
            "Bowlby, J. (1988). A secure base. Routledge.",
            "Wallin, D. J. (2010). Gehechtheid in psychotherapie. Nieuwezijds.",
        ],
        sectors=[sector("po"), sector("vo")],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Perspectieven hechting" in html
    assert '<h1 id="article-title">Een neurobiologisch perspectief op hechting</h1>' in html
    assert "Willem de Jong" in html
    assert "Orthopedagoog bij Bureau Voorbeeld" in html
    assert "Geplaatst op" in html and "15 maart 2021" in html
    # Citation (APA 7 for a web page, in Dutch): particle after the initials, the date as
    # "(2021, 15 maart)", the title in italics, the site, the retrieval phrase with URL.
    assert (
        "Jong, W. de (2021, 15 maart). <em>Een neurobiologisch perspectief op hechting</em>. "
        "Kennisbank. Geraadpleegd op"
    ) in html
    assert "Geraadpleegd op" in html and article.full_url in html
    assert '<h2 id="inleiding">Inleiding</h2>' in html
    assert "<li><p>een</p></li>" in html
    assert "Wallin, D. J. (2010)" in html
    assert "Hechting" in html  # topic tag and breadcrumb


def test_article_json_ld_names_authors_and_literature(client):
    author = AuthorFactory(
        given_name="Ilse", particle="van den", family_name="Broek", organisation="Praktijk X"
    )
    article = ArticlePageFactory(
        authors=[author], literature=["A (2001). Boek.", "B (2002). Artikel."]
    )
    data = json_ld(client.get(article.url).content.decode())
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == article.title
    assert data["alternativeHeadline"] == article.short_title
    assert data["author"][0]["name"] == "Ilse van den Broek"
    assert data["author"][0]["affiliation"]["name"] == "Praktijk X"
    assert data["citation"] == ["A (2001). Boek.", "B (2002). Artikel."]
    assert data["datePublished"] == "2021-03-15"
    assert [about["name"] for about in data["about"]] == [t.title for t in article.topics]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    article = ArticlePageFactory(title="Titel </script><script>alert(1)</script>")
    html = client.get(article.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["headline"] == "Titel </script><script>alert(1)</script>"


def test_opengraph_tags(client):
    article = ArticlePageFactory()
    html = client.get(article.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{article.title}">' in html


def test_related_block_lists_same_topic_items_but_not_the_page_itself_or_drafts(client):
    topic = TopicPageFactory()
    article = ArticlePageFactory(topics=[topic])
    sibling = ArticlePageFactory(topics=[topic], short_title="Zusterartikel")
    draft = ArticlePageFactory(topics=[topic], short_title="Conceptartikel", publish=False)
    # Its own words too: factory articles share a body, and similar text also relates pages.
    other = ArticlePageFactory(
        title="Ventilatie in schoolgebouwen",
        short_title="Ander onderwerp",
        lead="Over luchtkwaliteit.",
        body=[{"type": "paragraph", "value": "<p>Ramen open of dicht.</p>"}],
    )
    html = client.get(article.url).content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Zusterartikel" in related
    assert article.short_title not in related
    assert draft.short_title not in related
    assert other.short_title not in related
    assert sibling.url in related


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_query_count_does_not_grow_with_authors_topics_and_literature(client):
    small_topic = TopicPageFactory()
    small = ArticlePageFactory(topics=[small_topic])
    ArticlePageFactory(topics=[small_topic])  # so both pages have a related block
    theme_topics = [TopicPageFactory() for _ in range(4)]
    large = ArticlePageFactory(
        authors=[AuthorFactory() for _ in range(6)],
        topics=theme_topics,
        literature=[f"Auteur, A. ({2000 + n}). Titel {n}. Uitgever." for n in range(12)],
    )
    for topic in theme_topics:
        ArticlePageFactory(topics=[topic], authors=[AuthorFactory(), AuthorFactory()])
    SiteSettings.load()  # created on first use: not part of a page view
    counts = {}
    for name, article in (("small", small), ("large", large)):
        cache.clear()  # cold: theme menu, route and fragments are all built by this request
        counts[name, "cold"] = count_queries(client, article.url)
        counts[name, "warm"] = count_queries(client, article.url)
    small_cold, small_warm = counts["small", "cold"], counts["small", "warm"]
    large_cold, large_warm = counts["large", "cold"], counts["large", "warm"]
    assert large_cold == small_cold
    assert large_warm == small_warm
    assert large_warm < large_cold <= 30
    assert large_warm <= 3  # the page itself; everything else comes from the cache
