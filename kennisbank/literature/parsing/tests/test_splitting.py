from pathlib import Path

import pytest

from kennisbank.literature.parsing import ReferenceParseError, parse_reference_list
from kennisbank.literature.parsing.splitting import split_list

SEED = Path(__file__).resolve().parents[4].parent / "shared" / "seed" / "000_56251ab77f118684.txt"


def test_bullets_on_separate_lines():
    text = (
        " • Bowlby, J. (1988). A Secure Base. Oxon: Routledge.\n"
        " • Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds.\n"
    )
    assert split_list(text) == [
        "Bowlby, J. (1988). A Secure Base. Oxon: Routledge.",
        "Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds.",
    ]


def test_inline_bullets_numbering_and_blank_lines():
    assert len(split_list("Bakker, A. (2001). Een. Boom. • Smit, B. (2002). Twee. Boom.")) == 2
    assert split_list("1. Bakker, A. (2001). Een.\n2. Smit, B. (2002). Twee.") == [
        "Bakker, A. (2001). Een.",
        "Smit, B. (2002). Twee.",
    ]
    assert len(split_list("[1] Bakker (2001). Een.\n\n[2] Smit (2002). Twee.")) == 2


def test_hanging_and_wrapped_lines_join_their_entry():
    text = (
        "Galenkamp, H. (2015) Een neurobiologisch perspectief op hechtingsproblematiek.\n"
        "Geraadpleegd op 20-10-2017,\n"
        "van https://wij-leren.nl/onveilige-hechting-neurobiologie.php\n"
        "Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam:\n"
        "    Nieuwezijds.\n"
    )
    entries = split_list(text)
    assert len(entries) == 2
    assert entries[0].endswith("onveilige-hechting-neurobiologie.php")
    assert entries[1].endswith("Amsterdam: Nieuwezijds.")


def test_a_bad_entry_is_kept_and_flagged_not_dropped():
    items = parse_reference_list(
        "Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds.\n\n"
        "!!! 123 ???\n"
    )
    assert len(items) == 2
    assert items[0]["title"] == "Gehechtheid in psychotherapie"
    assert items[1]["_needs_review"] is True
    assert items[1]["_error"]
    assert items[1]["_text"] == "!!! 123 ???"


def test_list_of_junk_raises():
    with pytest.raises(ReferenceParseError):
        parse_reference_list("")
    with pytest.raises(ReferenceParseError):
        parse_reference_list("zx" * 5000)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present (fresh clone)")
def test_the_seven_references_of_the_reference_page():
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Literatuur") + len("Literatuur")
    block = text[start : text.index("Galenkamp, H. (2015)", start)]
    items = parse_reference_list(block)
    assert len(items) == 7
    by_family = {i["author"][0]["family"]: i for i in items}
    assert set(by_family) == {
        "Bowlby",
        "Galenkamp",
        "Hart",
        "Jong",
        "Ruppert",
        "Wallin",
        "IJzendoorn",
    }
    assert all(i["type"] == "book" for i in items)
    ij = by_family["IJzendoorn"]
    assert ij["author"] == [
        {"family": "IJzendoorn", "given": "M. H.", "non-dropping-particle": "van"}
    ]
    assert ij["publisher"] == "Boom Academic" and ij["publisher-place"] == "Amsterdam"
    jong = by_family["Jong"]
    assert [a.get("non-dropping-particle") for a in jong["author"]] == ["de", "de"]
    assert by_family["Bowlby"]["title"] == (
        "A Secure Base. Clinical Applications of Attachment Theory"
    )
    assert by_family["Hart"]["publisher"] == "Karnac Books Ltd"
    assert {i["issued"]["date-parts"][0][0] for i in items} == {1988, 2009, 2008, 2013, 2010}


def test_headers_are_skipped_and_entries_without_a_full_stop_still_split():
    text = (
        "Literatuur:\n"
        "Juul, J. (2004) Jouw competente kind. Amsterdam, Nieuwezijds\n"
        "Onderwijsraad (2014). Een eigentijds curriculum. Den Haag: Onderwijsraad\n"
        "Jansen, A., Smit, B.,\n"
        "Visser, C. (2011). Samen. Boom.\n"
        "Koomen, H. (2014). De relatie. In J. Verhulst & W. Kohnstamm (Red.),\n"
        "In J. Verhulst (Red.), Handboek jeugd (2014), pp. 1-10.\n"
    )
    assert split_list(text) == [
        "Juul, J. (2004) Jouw competente kind. Amsterdam, Nieuwezijds",
        "Onderwijsraad (2014). Een eigentijds curriculum. Den Haag: Onderwijsraad",
        "Jansen, A., Smit, B., Visser, C. (2011). Samen. Boom.",
        "Koomen, H. (2014). De relatie. In J. Verhulst & W. Kohnstamm (Red.), "
        "In J. Verhulst (Red.), Handboek jeugd (2014), pp. 1-10.",
    ]
