"""Stored rendering, exports, in-text links and versions on the article page."""

import datetime
import json
import re
from unittest import mock

import bibtexparser
import pytest
import rispy
from django.core.cache import cache

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.literature.models import ArticleVersion, LiteratureSettings
from kennisbank.people.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

WALLIN = "Wallin, D. J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds."
JONG = "Jong, W. de & Jong, A. de (2013). Ontwrichte kinderen in het onderwijs. Huizen: Pica."
CRONE_A = "Crone, E. (2015). Het puberende brein. Bert Bakker."
CRONE_B = "Crone, E. (2015). Beste vrienden. Bert Bakker."
JOURNAL = (
    "Bus, A. G., IJzendoorn, M. H. van, & Pellegrini, A. D. (1995). Joint book reading makes for "
    "success in learning to read. Review of Educational Research, 65(1), 1-21. "
    "https://doi.org/10.3102/00346543065001001"
)
BODY = [
    {
        "type": "paragraph",
        "value": "<p>Mentaliseren vraagt integratie (Wallin, 2010). Volgens De Jong en De Jong "
        "(2013) gaat het vaak mis (zie ook Crone, 2015a; Crone, 2015b; Onbekend, 1999).</p>",
    }
]


def article(**kwargs):
    kwargs.setdefault("literature", [WALLIN, JONG, CRONE_A, CRONE_B, JOURNAL])
    kwargs.setdefault("body", BODY)
    return ArticlePageFactory(**kwargs)


def literature_section(html):
    return html.split('id="literature-heading"')[1].split("</section>")[0]


def test_publishing_renders_and_stores_the_dutch_apa_literature_list(client):
    page = article(authors=[AuthorFactory(initials="W.", particle="de", family_name="Jong")])
    page.refresh_from_db()
    assert page.literature_rendered_at is not None
    assert page.citation_rendered == (
        f"Jong, W. de (2021, 15 maart). <em>{page.title}</em>. Kennisbank."
    )
    entries = re.findall(r'<li id="(ref-\d+)"[^>]*>(.*?)</li>', page.literature_html)
    texts = [re.sub(r"<[^>]+>", "", html) for _, html in entries]
    assert [t.split(" (")[0] for t in texts] == [
        "Bus, A. G., IJzendoorn, M. H. van, &amp; Pellegrini, A. D.",
        "Crone, E.",
        "Crone, E.",
        "Jong, W. de, &amp; Jong, A. de",
        "Wallin, D. J.",
    ]
    assert "(2015a). Beste vrienden." in texts[1] and "(2015b). Het puberende brein." in texts[2]
    assert "65(1), 1\u201321." in texts[0]


def test_before_the_first_render_the_page_shows_a_plain_citation_and_list(client):
    page = article(authors=[AuthorFactory(initials="W.", particle="de", family_name="Jong")])
    type(page).objects.filter(pk=page.pk).update(citation_rendered="", literature_html="")
    cache.clear()
    html = client.get(page.url).content.decode()
    assert f"Jong, W. de (2021). <em>{page.title}</em>. Kennisbank." in html
    assert f"<li>{WALLIN}</li>" in literature_section(html)


def test_render_literature_command_renders_every_live_article(capsys):
    from django.core.management import call_command

    page = article()
    type(page).objects.filter(pk=page.pk).update(citation_rendered="", literature_html="")
    call_command("render_literature")
    page.refresh_from_db()
    assert "Gehechtheid in psychotherapie" in page.literature_html and page.citation_rendered
    assert "Rendered 1 articles" in capsys.readouterr().out


def test_a_page_view_never_runs_pandoc(client):
    page = article()
    with mock.patch("pypandoc.convert_text", side_effect=AssertionError("pandoc in a view")):
        cache.clear()
        html = client.get(page.url).content.decode()
    assert "Gehechtheid in psychotherapie" in literature_section(html)


def test_in_text_citations_link_to_their_entry(client):
    page = article()
    page.refresh_from_db()
    anchors = page.literature_anchors
    html = client.get(page.url).content.decode()
    body = html.split('class="article__body"')[1].split("</div>")[0]
    assert f'<a class="in-text-citation" href="#{anchors["wallin|2010"]}">Wallin, 2010</a>' in body
    assert f'href="#{anchors["jong|2013"]}">De Jong en De Jong (2013)</a>' in body
    assert f'href="#{anchors["crone|2015a"]}">Crone, 2015a</a>' in body
    assert f'href="#{anchors["crone|2015b"]}">Crone, 2015b</a>' in body
    assert "Onbekend, 1999)" in body and "Onbekend, 1999</a>" not in body
    for anchor in anchors.values():
        assert f'id="{anchor}"' in html


def test_editing_a_reference_re_renders_the_articles_citing_it():
    page = article(literature=[WALLIN])
    reference = page.references[0]
    reference.title = "Gehechtheid in de psychotherapie"
    reference.save()
    page.refresh_from_db()
    assert "Gehechtheid in de psychotherapie" in page.literature_html


def test_renaming_an_author_re_renders_their_citations():
    author = AuthorFactory(initials="W.", particle="de", family_name="Jong")
    page = article(authors=[author])
    author.family_name = "Vries"
    author.save()
    page.refresh_from_db()
    assert page.citation_rendered.startswith("Vries, W. de (2021, 15 maart).")


def test_the_flemish_setting_re_renders_every_article():
    page = article(literature=[JONG])
    page.refresh_from_db()
    assert "Jong, W. de, &amp; Jong, A. de (2013)" in page.literature_html
    settings = LiteratureSettings.load()
    settings.particle_convention = "flemish"
    settings.save()
    page.refresh_from_db()
    assert "De Jong, W., &amp; De Jong, A. (2013)" in page.literature_html


EXPORTS = {
    "ris": "application/x-research-info-systems",
    "bib": "application/x-bibtex",
    "json": "application/vnd.citationstyles.csl+json",
}


def test_export_links_name_their_format(client):
    page = article()
    html = client.get(page.url).content.decode()
    for what in ("citeren", "literatuur"):
        for fmt, name in (("ris", "RIS"), ("bib", "BibTeX"), ("json", "CSL-JSON")):
            link = re.search(rf'<a href="{page.url}{what}/{fmt}/" download>([^<]+)</a>', html)
            assert link and name in link.group(1), (what, fmt)


@pytest.mark.parametrize("fmt", ["ris", "bib", "json"])
def test_exports_have_the_right_type_and_file_name(client, fmt):
    page = article()
    for what in ("citeren", "literatuur"):
        response = client.get(f"{page.url}{what}/{fmt}/")
        assert response.status_code == 200
        assert response["Content-Type"] == f"{EXPORTS[fmt]}; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{page.slug}-{what}.{fmt}"'
    assert client.get(f"{page.url}literatuur/xml/").status_code == 404


def test_literature_as_ris_parses_back_with_rispy(client):
    page = article()
    records = rispy.loads(client.get(f"{page.url}literatuur/ris/").content.decode())
    assert len(records) == 5
    bus = next(r for r in records if r["type_of_reference"] == "JOUR")
    assert bus["authors"] == ["Bus, A. G.", "van IJzendoorn, M. H.", "Pellegrini, A. D."]
    assert bus["journal_name"] == "Review of Educational Research"
    assert (bus["volume"], bus["number"], bus["start_page"], bus["end_page"]) == (
        "65",
        "1",
        "1",
        "21",
    )
    assert bus["doi"] == "10.3102/00346543065001001"
    jong = next(r for r in records if r.get("publisher") == "Pica")
    assert jong["type_of_reference"] == "BOOK" and jong["year"] == "2013"
    assert jong["authors"] == ["de Jong, W.", "de Jong, A."]


def test_citation_as_ris_and_bibtex_parse_back(client):
    page = article(authors=[AuthorFactory(initials="W.", particle="de", family_name="Jong")])
    ris = rispy.loads(client.get(f"{page.url}citeren/ris/").content.decode())
    assert ris[0]["type_of_reference"] == "ELEC"
    assert ris[0]["title"] == page.title
    assert ris[0]["urls"] == [page.full_url]
    assert ris[0]["date"] == "2021/03/15"
    bib = bibtexparser.loads(client.get(f"{page.url}citeren/bib/").content.decode())
    entry = bib.entries[0]
    assert entry["ENTRYTYPE"] == "misc" and entry["author"] == "de Jong, W."
    assert entry["title"] == page.title and entry["year"] == "2021"
    assert entry["url"] == page.full_url


def test_literature_as_bibtex_parses_back_with_bibtexparser(client):
    page = article()
    text = client.get(f"{page.url}literatuur/bib/").content.decode()
    database = bibtexparser.loads(text)
    assert len(database.entries) == 5
    assert len({entry["ID"] for entry in database.entries}) == 5
    article_entry = next(e for e in database.entries if e["ENTRYTYPE"] == "article")
    assert article_entry["journal"] == "Review of Educational Research"
    assert article_entry["pages"] == "1--21"
    assert article_entry["author"] == ("Bus, A. G. and van IJzendoorn, M. H. and Pellegrini, A. D.")
    books = [e for e in database.entries if e["ENTRYTYPE"] == "book"]
    assert {e["publisher"] for e in books} == {"Nieuwezijds", "Pica", "Bert Bakker"}


def test_literature_as_csl_json_is_valid_csl(client):
    from kennisbank.literature.csl import validate_item

    page = article()
    items = json.loads(client.get(f"{page.url}literatuur/json/").content)
    assert len(items) == 5
    for item in items:
        validate_item(item)


def test_every_publish_is_a_version_with_a_stable_url_and_a_change_log(client):
    page = article(title="De eerste titel")
    page.title = "De tweede titel"
    page.change_summary = "Paragraaf over co-regulatie toegevoegd."
    page.reviewed_date = datetime.date(2026, 10, 1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert list(
        ArticleVersion.objects.filter(page=page).values_list("number", "change_summary")
    ) == [(2, "Paragraaf over co-regulatie toegevoegd."), (1, "")]

    current = client.get(page.url).content.decode()
    assert "De tweede titel" in current
    assert "Bijgewerkt op" in current and "Paragraaf over co-regulatie toegevoegd." in current
    assert f'href="{page.url}versie/1/"' in current and f'href="{page.url}versie/2/"' in current
    assert "1 oktober 2026" in current  # last content review
    assert "Citeer deze versie" in current

    old = client.get(f"{page.url}versie/1/")
    assert old.status_code == 200
    old_html = old.content.decode()
    assert "De eerste titel" in old_html and "De tweede titel" not in old_html.split("<footer")[0]
    assert "versie 1" in old_html.lower()
    assert f'<a href="{page.url}">' in old_html  # to the current version
    assert f"{page.full_url}versie/1/" in old_html  # cite this version
    assert "Gehechtheid in psychotherapie" in literature_section(old_html)

    newest = client.get(f"{page.url}versie/2/").content.decode()
    assert "De tweede titel" in newest
    assert client.get(f"{page.url}versie/3/").status_code == 404


def test_a_summary_left_over_from_the_previous_publish_is_not_repeated():
    page = article(title="Titel")
    page.change_summary = "Eerste wijziging."
    page.save_revision().publish()
    page.save_revision().publish()  # nothing new said about this one
    assert list(
        ArticleVersion.objects.filter(page=page).values_list("number", "change_summary")
    ) == [(3, ""), (2, "Eerste wijziging."), (1, "")]
