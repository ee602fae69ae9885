import pytest

from kennisbank.literature.parsing import ReferenceParseError, parse_reference


def test_dutch_book_with_particles_and_place_publisher():
    item = parse_reference(
        "Jong, W. de & Jong, A. de (2013). Ontwrichte kinderen in het onderwijs. "
        "Een verborgen epidemie. Huizen: Pica."
    )
    assert item["type"] == "book"
    assert item["author"] == [
        {"family": "Jong", "given": "W.", "non-dropping-particle": "de"},
        {"family": "Jong", "given": "A.", "non-dropping-particle": "de"},
    ]
    assert item["issued"] == {"date-parts": [[2013]]}
    assert item["title"] == "Ontwrichte kinderen in het onderwijs. Een verborgen epidemie"
    assert item["publisher"] == "Pica"
    assert item["publisher-place"] == "Huizen"
    assert 0.0 <= item["_confidence"] <= 1.0
    assert isinstance(item["_needs_review"], bool)


def test_chapter_with_dutch_editor_marker_and_blz():
    item = parse_reference(
        "Mönks, F. J. (2004). Hoogbegaafdheid: een inleiding. In T. Kieboom & F. Mönks (Red.), "
        "Hoogbegaafdheid op school (blz. 11-26). Leuven: Acco."
    )
    assert item["type"] == "chapter"
    assert item["editor"] == [
        {"family": "Kieboom", "given": "T."},
        {"family": "Mönks", "given": "F."},
    ]
    assert item["container-title"] == "Hoogbegaafdheid op school"
    assert item["page"] == "11–26"


def test_journal_article_with_volume_issue_pages_and_doi():
    item = parse_reference(
        "Kirschner, P.A., Sweller, J. & Clark, R.E. (2006). Why minimal guidance during "
        "instruction does not work. Educational Psychologist, 41(2), 75-86. "
        "https://doi.org/10.1207/s15326985ep4102_1"
    )
    assert item["type"] == "article-journal"
    assert item["container-title"] == "Educational Psychologist"
    assert (item["volume"], item["issue"], item["page"]) == ("41", "2", "75–86")
    assert item["DOI"] == "10.1207/s15326985ep4102_1"
    assert "URL" not in item  # a doi.org link is the DOI, not a separate URL


def test_dutch_journal_numbering():
    item = parse_reference(
        "Doornenbal, J. (2016). Het puberbrein en het onderwijs. Tijdschrift voor "
        "Orthopedagogiek, jaargang 55, nr. 4, blz. 163-172."
    )
    assert (item["volume"], item["issue"], item["page"]) == ("55", "4", "163–172")


def test_edition_in_dutch():
    item = parse_reference(
        "Verhulst, F.C. (2008). De ontwikkeling van het kind (8e druk). Assen: Van Gorcum."
    )
    assert item["edition"] == "8"
    assert item["title"] == "De ontwikkeling van het kind"


def test_web_page_with_dutch_retrieval_phrase():
    item = parse_reference(
        "Galenkamp, H. (2015) Een neurobiologisch perspectief op hechtingsproblematiek. "
        "Geraadpleegd op 20-10-2017, van https://wij-leren.nl/onveilige-hechting-neurobiologie.php"
    )
    assert item["type"] == "webpage"
    assert item["accessed"] == {"date-parts": [[2017, 10, 20]]}
    assert item["URL"] == "https://wij-leren.nl/onveilige-hechting-neurobiologie.php"
    assert item["title"] == "Een neurobiologisch perspectief op hechtingsproblematiek"


def test_organisation_report():
    item = parse_reference(
        "Inspectie van het Onderwijs (2019). De staat van het onderwijs 2019. "
        "Utrecht: Inspectie van het Onderwijs."
    )
    assert item["type"] == "report"
    assert item["author"] == [{"literal": "Inspectie van het Onderwijs"}]


def test_thesis_and_speech_types():
    thesis = parse_reference(
        "Spilt, J. L. (2010). Conflict in teacher-child relationships (Proefschrift). "
        "Universiteit van Amsterdam."
    )
    assert thesis["type"] == "thesis"
    assert thesis["genre"] == "Proefschrift"
    assert thesis["publisher"] == "Universiteit van Amsterdam"
    speech = parse_reference(
        "Hermanns, J. (2009). Het opvoeden verleerd (oratie). Universiteit van Amsterdam."
    )
    assert speech["type"] == "speech"


def test_isbn_and_full_date():
    item = parse_reference(
        "Kennisnet. (2018, 14 juni). Wat werkt bij gepersonaliseerd leren? "
        "https://www.kennisnet.nl/artikel/gepersonaliseerd-leren/"
    )
    assert item["issued"] == {"date-parts": [[2018, 6, 14]]}
    book = parse_reference(
        "Gils, F. van (2012). Spelen met kinderen. Leuven: LannooCampus. ISBN 9789401404068"
    )
    assert book["ISBN"] == "9789401404068"


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02binary\x03\x04",
        "x" * 10_000,
        "qwe " * 2500,
        "12345 67890 !!! ???",
        "a",
    ],
)
def test_unparseable_input_raises_a_clear_error(bad):
    with pytest.raises(ReferenceParseError) as exc:
        parse_reference(bad)
    assert str(exc.value)


def test_non_text_input_raises_parse_error():
    with pytest.raises(ReferenceParseError, match="Expected text"):
        parse_reference(b"Jansen (2019). Titel.")  # type: ignore[arg-type]


def test_glued_punctuation_and_missing_spaces():
    item = parse_reference("Jansen,A.,Smit,B.(2010).Titel van het boek.Amsterdam:Boom.")
    assert [a["family"] for a in item["author"]] == ["Jansen", "Smit"]
    assert item["title"] == "Titel van het boek"
    assert (item["publisher-place"], item["publisher"]) == ("Amsterdam", "Boom")


def test_publisher_place_variants():
    reversed_order = parse_reference(
        "Bakker, A. & Wagenaar, H. (2020). Leren van fouten in de klas. "
        "Uitgeverij Coutinho, Bussum."
    )
    assert reversed_order["publisher"] == "Uitgeverij Coutinho"
    assert reversed_order["publisher-place"] == "Bussum"
    country = parse_reference(
        "Marzano, R.J. & Miedema, W. (2011). Leiderschap en leerresultaten. "
        "Bazalt, Rotterdam, Nederland."
    )
    assert country["publisher-place"] == "Rotterdam"


def test_journal_numbers_run_into_the_container():
    item = parse_reference(
        "Smit, B en Jansen, A. 2012. Leesplezier in groep 8. Pedagogische Studiën 89:12-20."
    )
    assert item["container-title"] == "Pedagogische Studiën"
    assert (item["volume"], item["page"]) == ("89", "12–20")


def test_subtitle_stays_in_the_book_title():
    item = parse_reference(
        "Boekaerts, M. & Simons, P.R.J. (2003). Leren en instructie. Psychologie van de leerling "
        "en het leerproces (3e, herz. dr.). Assen: Van Gorcum."
    )
    assert item["title"] == "Leren en instructie. Psychologie van de leerling en het leerproces"
    assert item["edition"] == "3"
    assert "container-title" not in item


def test_bracketed_genres_set_genre_and_type():
    software = parse_reference(
        "Oefenweb (2015). Rekentuin [Computerprogramma]. Amsterdam: Oefenweb."
    )
    assert (software["type"], software["genre"], software["title"]) == (
        "software",
        "Computerprogramma",
        "Rekentuin",
    )
    blog = parse_reference(
        "Van den Broek, A., & Hermans, H. (2021, 3 februari). Ouders als partners [Blog]. "
        "Onderwijsblog. https://onderwijsblog.nl/ouders-als-partners"
    )
    assert (blog["type"], blog["genre"], blog["container-title"]) == (
        "webpage",
        "Blog",
        "Onderwijsblog",
    )
    pdf = parse_reference(
        "Kinderombudsman (2019). Het verhaal van Jeroen: thuiszitten (PDF). "
        "Den Haag: De Kinderombudsman."
    )
    assert pdf["title"] == "Het verhaal van Jeroen: thuiszitten"
    assert pdf["type"] == "report"


def test_vancouver_reference():
    item = parse_reference(
        "Verschueren K. Het belang van de leerkracht-leerlingrelatie. Caleidoscoop 2015;27(4):6-13."
    )
    assert item["type"] == "article-journal"
    assert item["container-title"] == "Caleidoscoop"
    assert (item["volume"], item["issue"], item["page"]) == ("27", "4", "6–13")
    assert item["issued"] == {"date-parts": [[2015]]}


def test_older_flemish_periodical_and_year_last_book():
    article = parse_reference(
        "Stevens, L., 'Zin in leren', in: Basisschoolmanagement, 15 (2002) 4, p. 4-9."
    )
    assert (article["volume"], article["issue"], article["page"]) == ("15", "4", "4–9")
    assert article["title"] == "Zin in leren"
    book = parse_reference(
        "Deci E.L. & Ryan R.M., Intrinsic motivation and self-determination in human behavior, "
        "New York, Plenum, 1985."
    )
    assert book["author"] == [
        {"family": "Deci", "given": "E. L."},
        {"family": "Ryan", "given": "R. M."},
    ]
    assert (book["publisher-place"], book["publisher"]) == ("New York", "Plenum")
    assert book["issued"] == {"date-parts": [[1985]]}


def test_translator_in_brackets_leaves_the_title():
    item = parse_reference(
        "Van Manen, M. (2014). Pedagogische tact (vertaling: W. Bekkers). Rotterdam: Phronese."
    )
    assert item["title"] == "Pedagogische tact"
    assert item["translator"] == [{"family": "Bekkers", "given": "W."}]


def test_web_references_without_author_or_title():
    wiki = parse_reference(
        "Hechting. (z.d.). In Wikipedia. Geraadpleegd op 5 mei 2020, van "
        "https://nl.wikipedia.org/wiki/Hechting"
    )
    assert (wiki["type"], wiki["title"], wiki["container-title"]) == (
        "webpage",
        "Hechting",
        "Wikipedia",
    )
    assert "author" not in wiki and "issued" not in wiki
    bare = parse_reference("https://www.nji.nl/pesten (geraadpleegd 3 maart 2020)")
    assert bare["URL"] == "https://www.nji.nl/pesten"
    assert bare["accessed"] == {"date-parts": [[2020, 3, 3]]}
    assert "issued" not in bare  # the retrieval date is not a publication date
    assert bare["_needs_review"] is True


def test_unpublished_and_internal_documents_are_manuscripts():
    item = parse_reference(
        "Jansen, P. (2012). Leren in de praktijk [Ongepubliceerd manuscript]. Universiteit Twente."
    )
    assert (item["type"], item["title"]) == ("manuscript", "Leren in de praktijk")
    assert item["genre"] == "Ongepubliceerd manuscript"
