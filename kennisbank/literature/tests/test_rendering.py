"""Dutch APA 7 as rendered by pandoc's citeproc with the style derived from the official apa.csl."""

import re
from pathlib import Path

import pytest

from kennisbank.literature.conversion import simple_convert
from kennisbank.literature.render import render_items
from kennisbank.literature.styles import DUTCH, FLEMISH, derive_style

from .factories import book, person

SEED = Path(__file__).resolve().parents[3] / ".." / "shared" / "seed" / "000_56251ab77f118684.txt"


def texts(items, convention=DUTCH):
    return [re.sub(r"<[^>]+>", "", e.html) for e in render_items(items, convention).entries]


PARTICLE_ITEMS = [
    book(
        "a", [person("Jong", "W.", "de"), person("Jong", "A.", "de")], 2013, "Ontwrichte kinderen"
    ),
    book("b", [person("IJzendoorn", "M. H.", "van")], 2008, "Opvoeding over de grens"),
    book("c", [person("Hart", "S.")], 2008, "Brain"),
    book("d", [person("Dekker", "P.")], 2001, "Een boek"),
    book("e", [person("Broek", "I.", "van den")], 2019, "Nog een boek"),
]


def test_dutch_particles_follow_the_initials_and_do_not_count_for_sorting():
    assert texts(PARTICLE_ITEMS) == [
        "Broek, I. van den (2019). Nog een boek. Uitgeverij.",
        "Dekker, P. (2001). Een boek. Uitgeverij.",
        "Hart, S. (2008). Brain. Uitgeverij.",
        "IJzendoorn, M. H. van (2008). Opvoeding over de grens. Uitgeverij.",
        "Jong, W. de, &amp; Jong, A. de (2013). Ontwrichte kinderen. Uitgeverij.",
    ]


def test_flemish_convention_capitalises_the_particle_and_sorts_on_it():
    assert texts(PARTICLE_ITEMS, FLEMISH) == [
        "De Jong, W., &amp; De Jong, A. (2013). Ontwrichte kinderen. Uitgeverij.",
        "Dekker, P. (2001). Een boek. Uitgeverij.",
        "Hart, S. (2008). Brain. Uitgeverij.",
        "Van den Broek, I. (2019). Nog een boek. Uitgeverij.",
        "Van IJzendoorn, M. H. (2008). Opvoeding over de grens. Uitgeverij.",
    ]


def test_dates_are_day_month_and_undated_web_pages_say_geraadpleegd_op():
    items = [
        {
            "id": "w1",
            "type": "webpage",
            "author": [person("Galenkamp", "H.")],
            "issued": {"date-parts": [[2015, 6, 1]]},
            "title": "Een perspectief op hechting",
            "container-title": "Kennisbank",
            "URL": "https://example.org/hechting",
        },
        {
            "id": "w2",
            "type": "webpage",
            "author": [{"literal": "Nederlands Jeugdinstituut"}],
            "title": "Hechting",
            "container-title": "NJi",
            "URL": "https://example.org/nji",
            "accessed": {"date-parts": [[2026, 11, 24]]},
        },
    ]
    assert texts(items) == [
        "Galenkamp, H. (2015, 1 juni). Een perspectief op hechting. Kennisbank. "
        "https://example.org/hechting",
        "Nederlands Jeugdinstituut. (z.d.). Hechting. NJi. Geraadpleegd op 24 november 2026, "
        "van https://example.org/nji",
    ]


def test_page_ranges_get_an_en_dash_and_editions_a_dutch_ordinal():
    items = [
        {
            "id": "j",
            "type": "article-journal",
            "author": [person("Bus", "A. G."), person("IJzendoorn", "M. H.", "van")],
            "issued": {"date-parts": [[1995]]},
            "title": "Joint book reading",
            "container-title": "Review of Educational Research",
            "volume": "65",
            "issue": "1",
            "page": "1-21",
            "DOI": "10.3102/00346543065001001",
        },
        {
            "id": "h",
            "type": "chapter",
            "author": [person("Broek", "I.", "van den")],
            "editor": [person("Berg", "P.", "van der")],
            "issued": {"date-parts": [[2019]]},
            "title": "Een hoofdstuk",
            "container-title": "Het boek",
            "page": "12-30",
            "edition": "2",
            "publisher": "Boom",
        },
    ]
    assert texts(items) == [
        "Broek, I. van den (2019). Een hoofdstuk. In P. van der Berg (Red.), Het boek "
        "(2e dr., pp. 12\u201330). Boom.",
        "Bus, A. G., &amp; IJzendoorn, M. H. van (1995). Joint book reading. Review of "
        "Educational Research, 65(1), 1\u201321. https://doi.org/10.3102/00346543065001001",
    ]


def test_two_works_by_one_author_in_one_year_get_year_suffixes():
    items = [
        book("x", [person("Crone", "E.")], 2015, "Het puberende brein"),
        book("y", [person("Crone", "E.")], 2015, "Beste vrienden"),
    ]
    rendered = render_items(items)
    assert [(e.id, e.year_label) for e in rendered.entries] == [("y", "2015a"), ("x", "2015b")]
    assert texts(items)[0].startswith("Crone, E. (2015a). Beste vrienden.")


def test_the_style_is_derived_from_the_official_file_and_refuses_a_changed_one():
    with pytest.raises(ValueError):
        derive_style('<style xmlns="http://purl.org/net/xbiblio/csl"><info/></style>')
    with pytest.raises(ValueError):
        derive_style("<not-a-style/>")


@pytest.mark.skipif(not SEED.exists(), reason="the reference page is not in ../shared/seed/")
def test_the_seven_references_of_the_reference_page_render_in_dutch_apa_7():
    lines = [
        line.strip().lstrip("•").strip()
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("•") and re.search(r"\(\d{4}\)", line)
    ]
    assert len(lines) == 7
    items = []
    for n, line in enumerate(lines):
        item, needs_review = simple_convert(line)
        assert not needs_review, line
        items.append({**item, "id": f"s{n}"})
    # APA 7 drops the place of publication; titles keep the case they were written in.
    assert texts(items) == [
        "Bowlby, J. (1988). A Secure Base: Clinical Applications of Attachment Theory. Routledge.",
        "Galenkamp, H. (2009). Krachtige leraren, prachtig onderwijs: Naar meer contact en "
        "bezieling in de school. CPS.",
        "Hart, S. (2008). Brain, Attachment and Personality: An introduction to neuroaffective "
        "development. Karnac Books Ltd.",
        "IJzendoorn, M. H. van (2008). Opvoeding over de grens: Gehechtheid, trauma en "
        "veerkracht. Boom Academic.",
        "Jong, W. de, &amp; Jong, A. de (2013). Ontwrichte kinderen in het onderwijs: Een "
        "verborgen epidemie. Pica.",
        "Ruppert, F. (2010). Symbiose en autonomie: Een weg uit symbiosetrauma en destructieve "
        "afhankelijkheid. Akasha.",
        "Wallin, D. J. (2010). Gehechtheid in psychotherapie. Nieuwezijds.",
    ]
    # Titles of books are in italics.
    assert all("<em>" in e.html for e in render_items(items).entries)
