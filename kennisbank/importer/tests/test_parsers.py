"""Parsers on their own, without the database."""

import datetime

import pytest
from django.utils import translation

from kennisbank.importer.dutch import looks_like_person_name, parse_dutch_date, split_name
from kennisbank.importer.formats.html import parse_html
from kennisbank.importer.formats.markdown import parse_markdown
from kennisbank.importer.formats.saved_text import parse_saved_text
from kennisbank.importer.parsed import ItemError


@pytest.fixture(autouse=True)
def english():
    """These tests are about the parsers' decisions, so they read the English messages; what
    an editor sees in Dutch is tested on the report (test_report_language.py)."""
    with translation.override("en"):
        yield


def test_image_inside_a_paragraph_is_kept():
    article = parse_html(
        "<h1>Titel</h1><p>Tekst <img src='a.png' alt='Een kind leest'> verder.</p>", "x.html"
    )
    assert [ref.alt for ref in article.images] == ["Een kind leest"]
    assert article.body[0]["value"] == "<p>Tekst verder.</p>"


def test_image_without_alt_text_is_left_out_with_a_note():
    article = parse_html("<h1>Titel</h1><p>Tekst</p><img src='a.png'>", "x.html")
    assert article.images == []
    assert any("no alternative text" in note for note in article.warnings)


def test_markdown_images_are_reported():
    article = parse_markdown("---\ntitle: T\n---\n\nTekst.\n\n![Een kaart](kaart.png)\n", "x.md")
    assert article.warnings == ["Markdown image 'kaart.png' not imported (alt text: 'Een kaart')"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\n- een\n- lijst\n---\n", "front matter is not a mapping"),
        ("---\ntitle: [onaf\n---\n", "front matter is not valid YAML"),
        ("---\ntitle: T\n", "unknown layout: the front matter is not closed"),
        ("---\ntitle: T\ndate: gisteren\n---\n", "front matter: date 'gisteren'"),
    ],
)
def test_bad_front_matter_has_a_clear_reason(text, reason):
    with pytest.raises(ItemError) as error:
        parse_markdown(text, "x.md")
    assert str(error.value).startswith(reason)


def test_saved_text_without_markers_is_unknown_layout():
    with pytest.raises(ItemError, match="unknown layout"):
        parse_saved_text("Een titel\n\nWat tekst.\n", "x.txt")


def test_saved_text_with_two_authors_and_no_menu():
    text = (
        "Samen lezen\n\nMarieke de Wit\n\nLeesspecialist bij De Leesfabriek\n\n"
        "Tom Jansen\n\nLeraar groep 5\n\nGeplaatst op 3 februari 2021\n\n"
        "Wit, M. de & Jansen, T. (2021) Samen lezen in groep 5.\n"
        "Geraadpleegd op 01-03-2021,\nvan https://oud.example/samen-lezen.php\n\n"
        "Aanpak\n\nLees elke dag een kwartier samen.\n"
    )
    article = parse_saved_text(text, "x.txt")
    assert [(a.name, a.bio_line, a.organisation, a.initials) for a in article.authors] == [
        ("Marieke de Wit", "Leesspecialist", "De Leesfabriek", "M."),
        ("Tom Jansen", "Leraar groep 5", "", "T."),
    ]
    assert article.published_date == datetime.date(2021, 2, 3)
    assert article.title == "Samen lezen in groep 5"
    assert [b["type"] for b in article.body] == ["heading", "paragraph"]


def test_dutch_names_and_dates():
    name = split_name("Marion van Olst")
    assert (name.given_name, name.particle, name.family_name, name.initials) == (
        "Marion",
        "van",
        "Olst",
        "M.",
    )
    name = split_name("Anna Maria van der Berg")
    assert (name.given_name, name.particle, name.family_name) == ("Anna Maria", "van der", "Berg")
    assert split_name("Bram van 't Hek").particle == "van 't"
    assert parse_dutch_date("Geplaatst op 1 juni 2015") == datetime.date(2015, 6, 1)
    assert parse_dutch_date("31 februari 2015") is None
    assert looks_like_person_name("Willem de Jong")
    assert not looks_like_person_name("Spel en beweging")
    assert not looks_like_person_name("Tweelingen")


def test_bio_that_ends_on_the_family_name_stays_a_bio():
    text = (
        "Kort\n\nHenk Galenkamp\n\nDirecteur van Galenkamp\n\nGeplaatst op 1 mei 2012\n\n"
        "Galenkamp, H. (2012) Een titel?\nGeraadpleegd op 01-01-2013,\nvan https://oud.example/a.php\n\n"
        "Tekst van het artikel.\n"
    )
    article = parse_saved_text(text, "x.txt")
    assert [(a.name, a.bio_line) for a in article.authors] == [
        ("Henk Galenkamp", "Directeur van Galenkamp")
    ]
    assert article.title == "Een titel?"


def test_two_authors_with_the_same_family_name():
    text = (
        "Kort\n\nWillem de Jong\n\nPsycholoog\n\nAnne de Jong\n\nLeraar\n\n"
        "Geplaatst op 1 mei 2013\n\n"
        "Jong, W. de & Jong, A. de (2013) Titel.\nGeraadpleegd op 01-01-2014,\n"
        "van https://oud.example/b.php\n\nTekst.\n"
    )
    article = parse_saved_text(text, "x.txt")
    assert [(a.name, a.initials, a.bio_line) for a in article.authors] == [
        ("Willem de Jong", "W.", "Psycholoog"),
        ("Anne de Jong", "A.", "Leraar"),
    ]


def test_html_title_without_h1_drops_the_site_name():
    article = parse_html(
        "<html><head><title>Spelend leren | Oude Kennisbank</title></head>"
        "<body><p>Tekst over spelen.</p></body></html>",
        "x.html",
    )
    assert article.title == "Spelend leren"
    assert article.body[0]["value"] == "<p>Tekst over spelen.</p>"
