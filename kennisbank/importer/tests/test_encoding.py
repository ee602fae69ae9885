import pytest

from kennisbank.importer.encoding import repair_misread, repair_text

# Windows-1252 bytes read as Mac Central European, as in the old platform's saved pages.
DAMAGED = [
    ("StrategieŽn voor zelfregulering", "Strategieën voor zelfregulering"),
    ("Luister je wel naar mŪj?", "Luister je wel naar míj?"),
    ("NoŽlle Pameijer schreef erover", "Noëlle Pameijer schreef erover"),
    (
        "Motivatie met TIME Ė OnderwijsBewijs en ideeŽn",
        "Motivatie met TIME – OnderwijsBewijs en ideeën",
    ),
    ("Het is zoín dag", "Het is zo’n dag"),
]

# Correct Dutch with every character the same pairing would "repair": must stay as it is.
CORRECT = [
    "Ik ga naar het café voor één reünie met een cliënt uit Curaçao.",
    "Coördinatie – zo’n ‘helder tegenover’ – is naïef, zei de coach dóór de ruis heen.",
    "De categorieën zijn: vermijdend, ambivalent en gedesoriënteerd.",
    "Łukasz Dvořák en Zoë Škoda werken in Kraków en Brno.",
    "Een “citaat” met … en • opsommingen, 5 °C en € 20.",
    "Hij woonde in Ühlingen en Århus, daarna in Göteborg.",
    "Crèche, coöperatie, geïnteresseerd, financiële, ideeën, patiënt.",
]


@pytest.mark.parametrize(("damaged", "expected"), DAMAGED)
def test_damaged_words_are_repaired(damaged, expected):
    assert repair_text(damaged).text == expected


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_never_changed(text):
    result = repair_text(text)
    assert result.text == text
    assert result.repairs == []


def test_unknown_word_with_damage_marker_is_left_alone_without_evidence():
    # "Ž" between letters is the damage's fingerprint, but with no confirmed damaged word in
    # the text a name is not guessed at.
    assert repair_misread("Gesprek met BrŽnna Vermeer").text == "Gesprek met BrŽnna Vermeer"


def test_names_are_repaired_once_the_text_shows_the_damage():
    text = "StrategieŽn van BrŽnna Vermeer"
    assert repair_misread(text).text == "Strategieën van Brënna Vermeer"


def test_ftfy_handles_utf8_read_as_windows_1252():
    assert repair_text("CafÃ© en reÃ¼nie").text == "Café en reünie"


def test_curly_quotes_survive():
    assert repair_text("‘een helder tegenover’").text == "‘een helder tegenover’"


def test_seed_damage_is_repaired_and_correct_parts_kept(seed_path):
    original = seed_path.read_text(encoding="utf-8")
    result = repair_text(original)
    for damaged in ("StrategieŽn", "mŪj", "NoŽlle", " Ė "):
        assert damaged in original
        assert damaged not in result.text
    for repaired in ("Strategieën", "Luister je wel naar míj?", "Noëlle Pameijer", "TIME – "):
        assert repaired in result.text
    for correct in (
        "categorieën",
        "gedesoriënteerde",
        "dóór",
        "‘een helder tegenover’",
        "cliënten",
    ):
        assert correct in result.text
