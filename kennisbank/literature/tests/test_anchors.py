from kennisbank.literature.anchors import link_citations

ANCHORS = {
    "wallin|2010": "ref-1",
    "jong|2013": "ref-2",
    "ijzendoorn|2008": "ref-3",
    "kluger|1996": "ref-4",
    "crone|2015a": "ref-5",
    "berg|2019": "ref-6",
}


def linked(html):
    return link_citations(html, ANCHORS)


def test_parenthetical_citations_link_each_work():
    html = linked("<p>Zo is het (Wallin, 2010; Van IJzendoorn, 2008, p. 12).</p>")
    assert '(<a class="in-text-citation" href="#ref-1">Wallin, 2010</a>; ' in html
    assert '<a class="in-text-citation" href="#ref-3">Van IJzendoorn, 2008</a>, p. 12)' in html


def test_narrative_citations_with_particles_and_two_authors():
    html = linked("<p>Volgens De Jong en De Jong (2013) en Van der Berg (2019) niet.</p>")
    assert '<a class="in-text-citation" href="#ref-2">De Jong en De Jong (2013)</a>' in html
    assert '<a class="in-text-citation" href="#ref-6">Van der Berg (2019)</a>' in html


def test_ordinary_words_are_not_taken_for_particles():
    html = linked("<p>Zij laten Kluger en DeNisi (1996) zien dat het werkt.</p>")
    assert 'laten <a class="in-text-citation" href="#ref-4">Kluger en DeNisi (1996)</a>' in html


def test_unknown_works_links_and_attributes_are_left_alone():
    source = (
        '<p><a href="https://example.org">(Wallin, 2010)</a> (Onbekend, 2001) '
        '<span title="(Wallin, 2010)">x</span> (Crone, 2015b)</p>'
    )
    html = linked(source)
    assert html == source
    assert link_citations("<p>(Wallin, 2010)</p>", {}) == "<p>(Wallin, 2010)</p>"
