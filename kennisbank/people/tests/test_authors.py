import pytest

from kennisbank.articles.tests.factories import ArticlePageFactory

from .factories import AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("given", "initials", "particle", "family", "expected"),
    [
        ("Willem", "W.", "de", "Jong", "Jong, W. de"),
        ("Marinus", "M. H.", "van", "IJzendoorn", "IJzendoorn, M. H. van"),
        ("Ruben", "R.", "van 't", "Hof", "Hof, R. van 't"),
        ("Karima", "K.", "", "El Idrissi", "El Idrissi, K."),
    ],
)
def test_citation_name_puts_particles_after_initials(given, initials, particle, family, expected):
    author = AuthorFactory.build(
        given_name=given, initials=initials, particle=particle, family_name=family
    )
    assert author.citation_name == expected


def test_author_page_lists_their_published_articles(client):
    author = AuthorFactory(given_name="Lotte", particle="ten", family_name="Have")
    ArticlePageFactory(authors=[author], short_title="Verrijken in de klas")
    ArticlePageFactory(authors=[author], short_title="Nog een concept", publish=False)
    response = client.get(author.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lotte ten Have" in html
    assert "Verrijken in de klas" in html
    assert "Nog een concept" not in html


def test_unpublished_author_has_no_public_page(client):
    author = AuthorFactory(live=False)
    assert client.get(author.get_absolute_url()).status_code == 404
    assert author.full_name not in client.get("/auteurs/").content.decode()


def test_author_edits_are_kept_as_revisions(admin_client):
    author = AuthorFactory()
    author.bio_line = "Nieuwe functie"
    revision = author.save_revision()
    assert revision.as_object().bio_line == "Nieuwe functie"
    response = admin_client.get(f"/admin/snippets/people/author/history/{author.pk}/")
    assert response.status_code == 200
