"""The body of saved page text: heading levels and cases recognised from the text's shape."""

from kennisbank.importer.formats.saved_body import build_body, case_title_line, heading_level


def body(text: str) -> list[dict]:
    return build_body([line.strip() for line in text.split("\n")], lambda line: False)


def headings(blocks: list[dict]) -> list[tuple[str, str]]:
    return [(b["value"]["text"], b["value"]["level"]) for b in blocks if b["type"] == "heading"]


def test_numbered_headings_take_their_level_from_the_number():
    blocks = body(
        "1 Inleiding\n\nTekst over de aanleiding.\n\n"
        "2. Aanpak\n\nTekst over de aanpak.\n\n"
        "2.1 Voorbereiding\n\nWat vooraf gebeurt.\n\n"
        "2.1.3 Materialen\n\nWat je nodig hebt.\n\n"
        "3 Conclusie\n\nHet slot.\n"
    )
    assert headings(blocks) == [
        ("1 Inleiding", "h2"),
        ("2. Aanpak", "h2"),
        ("2.1 Voorbereiding", "h3"),
        ("2.1.3 Materialen", "h3"),
        ("3 Conclusie", "h2"),
    ]


def test_a_heading_directly_after_a_heading_is_a_subsection():
    blocks = body(
        "Aanpak in de klas\n\nEerste stap\n\nBegin met een vraag.\n\n"
        "Tweede stap\n\nLaat ze overleggen.\n"
    )
    # The second heading opens the first subsection; the third cannot be told from a new
    # section, so it stays h2.
    assert headings(blocks) == [
        ("Aanpak in de klas", "h2"),
        ("Eerste stap", "h3"),
        ("Tweede stap", "h2"),
    ]


def test_without_evidence_every_heading_stays_h2():
    blocks = body("Inleiding\n\nTekst.\n\nOnveilige hechting\n\nMeer tekst.\n\nSlot\n\nEinde.\n")
    assert [level for _, level in headings(blocks)] == ["h2", "h2", "h2"]


def test_a_year_or_a_number_in_the_text_is_not_a_section_number():
    assert heading_level("2010 was een keerpunt", follows_heading=False) == "h2"
    assert heading_level("21st century skills", follows_heading=False) == "h2"
    assert heading_level("3.5 procent haakt af", follows_heading=False) == "h3"


def test_a_numbered_heading_after_a_heading_keeps_the_level_of_its_number():
    blocks = body("1 Inleiding\n\n2 Aanpak\n\nTekst.\n")
    assert headings(blocks) == [("1 Inleiding", "h2"), ("2 Aanpak", "h2")]


def test_a_paragraph_starting_with_casus_becomes_a_case_block():
    blocks = body(
        "Onveilige hechting\n\n"
        "Casus: Tom is acht jaar en zit in groep 5. Hij doet erg zijn best.\n\n"
        "Wat de leerkracht ook doet, het helpt niet.\n"
    )
    assert [b["type"] for b in blocks] == ["heading", "quote", "paragraph"]
    case = blocks[1]["value"]
    assert case["kind"] == "case"
    assert case["title"] == "Casus"
    assert case["text"] == "<p>Tom is acht jaar en zit in groep 5. Hij doet erg zijn best.</p>"


def test_a_case_marker_line_takes_the_paragraphs_up_to_the_next_heading():
    blocks = body(
        "Aanpak\n\nEen inleidende alinea.\n\n"
        "Casus 2: Jesse\n\nJesse is negen.\n\nHij wil niet lezen.\n\n"
        "Wat werkte\n\nKleine stappen.\n"
    )
    assert [b["type"] for b in blocks] == ["heading", "paragraph", "quote", "heading", "paragraph"]
    case = blocks[2]["value"]
    assert (case["kind"], case["title"]) == ("case", "Casus 2: Jesse")
    assert case["text"] == "<p>Jesse is negen.</p><p>Hij wil niet lezen.</p>"
    # The heading after the case is not a subsection: the case stood between them.
    assert headings(blocks)[-1] == ("Wat werkte", "h2")


def test_a_case_stops_at_a_list():
    blocks = body("Praktijkvoorbeeld\n\nIn groep 7 werkt het zo.\n\n • stap een\n • stap twee\n")
    assert [b["type"] for b in blocks] == ["quote", "list"]
    assert blocks[0]["value"]["title"] == "Praktijkvoorbeeld"


def test_a_marker_on_its_own_line_inside_a_paragraph_group():
    blocks = body("Casus:\nEen leerling van twaalf weigert te werken.\n")
    assert blocks[0]["value"]["kind"] == "case"
    assert blocks[0]["value"]["title"] == "Casus"
    assert blocks[0]["value"]["text"] == "<p>Een leerling van twaalf weigert te werken.</p>"


def test_words_that_only_start_like_a_marker_are_not_cases():
    for line in (
        "Casusbespreking in het team",
        "Casus bespreken met collega's",
        "Voorbeelden van goede vragen",
        "Case-study",
    ):
        assert case_title_line(line) is None, line
    blocks = body("Casus bespreken met collega's\n\nDat doe je zo.\n")
    assert [b["type"] for b in blocks] == ["heading", "paragraph"]


def test_a_marker_line_with_nothing_after_it_stays_a_heading():
    blocks = body("Casus\n\nVolgende stap\n\nTekst.\n")
    assert headings(blocks)[0] == ("Casus", "h2")
    assert not [b for b in blocks if b["type"] == "quote"]


def test_case_text_is_escaped():
    blocks = body("Casus: <script>alert(1)</script> Een leerling.\n")
    assert "<script" not in blocks[0]["value"]["text"]
    assert "&lt;script&gt;" in blocks[0]["value"]["text"]


def test_saved_page_text_uses_the_levels_and_cases():
    from kennisbank.importer.formats.saved_text import parse_saved_text

    text = (
        "Samen lezen\n\nMarieke de Wit\n\nLeesspecialist\n\nGeplaatst op 3 februari 2021\n\n"
        "Wit, M. de (2021) Samen lezen in groep 5.\n"
        "Geraadpleegd op 01-03-2021,\nvan https://oud.example/samen-lezen.php\n\n"
        "1 Aanpak\n\nLees elke dag samen.\n\n1.1 Voorbereiding\n\nKies een boek.\n\n"
        "Casus: Sanne leest niet graag. Na drie weken vraagt ze zelf om een boek.\n\n"
        "2 Resultaat\n\nHet werkt.\n\n"
        "Literatuur\n\n • Wit, M. de (2020). Lezen. Utrecht: Fictief.\n"
    )
    article = parse_saved_text(text, "samen.txt")
    assert headings(article.body) == [
        ("1 Aanpak", "h2"),
        ("1.1 Voorbereiding", "h3"),
        ("2 Resultaat", "h2"),
    ]
    (case,) = [b["value"] for b in article.body if b["type"] == "quote"]
    assert (case["kind"], case["title"]) == ("case", "Casus")
    assert case["text"].startswith("<p>Sanne leest niet graag.")
    assert article.literature == ["Wit, M. de (2020). Lezen. Utrecht: Fictief."]
