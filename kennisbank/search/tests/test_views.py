"""The search page and the suggestion endpoint, including hostile input."""

import json
import re

import pytest
from django.urls import reverse

from .factories import SearchArticleFactory

pytestmark = pytest.mark.django_db

URL = "/zoeken/"


def text_of(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


@pytest.fixture
def articles(django_capture_on_commit_callbacks):
    from kennisbank.taxonomy.tests.factories import TopicPageFactory, sector

    topic = TopicPageFactory(title="Hechting")
    with django_capture_on_commit_callbacks(execute=True):
        pages = [
            SearchArticleFactory(
                title="Hechtingsproblemen herkennen",
                text="Kinderen met problemen in de hechting hebben een veilige leraar nodig.",
                topics=[topic],
                sectors=[sector("po")],
            ),
            SearchArticleFactory(
                title="Hoogbegaafde kleuters begeleiden",
                text="Begeleiding van hoogbegaafde kleuters <script>alert(1)</script> in groep 1.",
            ),
        ]
    return pages


def test_results_with_highlight_facets_and_header_box(client, articles):
    response = client.get(URL, {"q": "hechtingsproblemen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hechtingsproblemen herkennen" in text_of(response)
    assert "<mark>" in html
    assert 'class="site-search"' in html  # the header box on every page
    assert "Hechting" in html  # theme/topic facet labels and snippet
    assert "public" in response["Cache-Control"]


def test_snippets_are_escaped(client, articles):
    html = client.get(URL, {"q": "kleuters"}).content.decode()
    assert "<script>alert" not in html


def test_repaired_query_offers_the_original(client, articles):
    response = client.get(URL, {"q": "hechtingsprobleemen"})
    assert 'class="search-repaired"' in response.content.decode()
    assert "exact=1" in response.content.decode()
    assert "Hechtingsproblemen herkennen" in text_of(response)
    original = client.get(URL, {"q": "hechtingsprobleemen", "exact": "1"}).content.decode()
    assert 'class="search-repaired"' not in original


def test_zero_results_page_helps(client, articles):
    response = client.get(URL, {"q": "xylofoonwedstrijd"})
    assert response.status_code == 200
    assert 'class="search-empty"' in response.content.decode()


def test_facet_filter_and_sort(client, articles):
    response = client.get(URL, {"q": "kinderen kleuters", "sector": "po", "sortering": "date"})
    html = text_of(response)
    assert response.status_code == 200
    assert "Hechtingsproblemen herkennen" in html
    assert "Hoogbegaafde kleuters begeleiden" not in html


def test_home_page_has_the_search_box(client, articles):
    assert 'action="/zoeken/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "((hechting",
        "hechting AND NEAR(kind) * ^2 title:x",
        "'; DROP TABLE kbsearch_searchterm; --",
        "x" * 10_000,
        "hechting " * 2000,
        "😀🎓 ‮ hechting",
        "\x00\x01\x1f hechting \x7f",
        "",
        "   ",
        "%",
        "_",
        "\\",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_answer_200(client, articles, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert client.get(reverse("search:suggest"), {"q": q}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"pagina": "abc"},
        {"pagina": "0"},
        {"pagina": "-1"},
        {"pagina": "99999999999"},
        {"jaar": "twintig"},
        {"thema": "1e3"},
        {"sortering": "random"},
    ],
)
def test_invalid_parameters_answer_400(client, articles, params):
    response = client.get(URL, {"q": "hechting", **params})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_page_beyond_the_last_shows_the_last(client, articles):
    response = client.get(URL, {"q": "hechting", "pagina": "50"})
    assert response.status_code == 200
    assert "Hechtingsproblemen herkennen" in text_of(response)


def test_unknown_filter_values_give_zero_results_not_errors(client, articles):
    response = client.get(URL, {"q": "hechting", "type": "x.y", "sector": "??", "thema": "999"})
    assert response.status_code == 200
    assert 'class="search-empty"' in response.content.decode()


def test_suggestions_json(client, articles):
    response = client.get(reverse("search:suggest"), {"q": "hoogbeg"})
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["suggestions"][0]["title"] == "Hoogbegaafde kleuters begeleiden"
    assert data["suggestions"][0]["url"].endswith("/")
    assert (
        json.loads(client.get(reverse("search:suggest"), {"q": "h"}).content)["suggestions"] == []
    )


def test_search_page_without_query(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
