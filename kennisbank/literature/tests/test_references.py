import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kennisbank.literature.csl import InvalidCSL, fingerprint, validate_item
from kennisbank.literature.models import Reference, ReferenceName
from kennisbank.literature.services import (
    import_items,
    reference_for_item,
    reference_for_text,
    references_for_items,
)

from .factories import book, make_reference, person

pytestmark = pytest.mark.django_db


def test_a_reference_round_trips_its_csl_json():
    item = book(
        "x",
        [person("Jong", "W.", "de"), {"literal": "Nederlands Jeugdinstituut"}],
        2013,
        "Ontwrichte kinderen",
        publisher="Pica",
        edition="2",
        ISBN="978-90-77671-51-5",
        genre="Handboek",
        language="nl",  # no field of its own: kept as it came
    )
    reference = make_reference(item)
    reference.refresh_from_db()
    assert reference.csl_item == {**item, "id": str(reference.pk)}
    assert "id" not in reference.csl  # the primary key is the id: one write for a new row
    assert [str(n) for n in reference.names.all()] == ["W. de Jong", "Nederlands Jeugdinstituut"]
    assert reference.names.first().particle == "de"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"type": "boek", "title": "X"}, "type"),
        ({"type": "book", "title": "X", "author": [{"family": 3}]}, "author.0"),
        ({"type": "book", "title": "X", "issued": {"date-parts": "2015"}}, "issued"),
        ({"type": "book", "title": ["X"]}, "title"),
        ({"title": "X"}, "type"),
    ],
)
def test_invalid_csl_json_is_refused_with_a_clear_error_and_nothing_is_saved(item, message):
    with pytest.raises(InvalidCSL) as error:
        reference_for_item(item)
    assert "Ongeldige CSL-JSON" in str(error.value) and message in str(error.value)
    assert Reference.objects.count() == 0
    assert ReferenceName.objects.count() == 0


def test_an_import_with_one_bad_item_saves_none_of_them():
    good = book("a", [person("Hart", "S.")], 2008, "Brain")
    bad = {"id": "b", "type": "book", "title": "Y", "volume": {"nested": True}}
    with pytest.raises(InvalidCSL, match="Item 2"):
        import_items([good, bad])
    assert Reference.objects.count() == 0
    with pytest.raises(InvalidCSL):
        import_items({"not": "a list"})


def test_model_validation_refuses_what_the_schema_refuses():
    reference = Reference(csl_type="book", title="X", extra={"number-of-pages": ["1"]})
    with pytest.raises(ValidationError):
        reference.full_clean()
    with pytest.raises(ValidationError):
        reference.save()
    assert Reference.objects.count() == 0


def test_the_same_work_is_one_record():
    first, created = reference_for_item(
        book("a", [person("Jong", "W.", "de")], 2013, "Ontwrichte kinderen in het onderwijs")
    )
    assert created
    # Same work typed differently: case, accents and punctuation do not matter.
    again, created = reference_for_item(
        book("b", [person("JONG", "Willem", "de")], 2013, "Ontwrichte kinderen in het onderwijs!")
    )
    assert not created and again.pk == first.pk
    by_doi, _ = reference_for_item({"type": "article-journal", "title": "A", "DOI": "10.1/X"})
    same_doi, created = reference_for_item(
        {"type": "article-journal", "title": "B", "DOI": "https://doi.org/10.1/x"}
    )
    assert not created and same_doi.pk == by_doi.pk
    assert Reference.objects.count() == 2


def test_many_items_match_known_works_share_new_ones_and_are_indexed(monkeypatch):
    from types import SimpleNamespace

    from modelsearch import signal_handlers

    indexed = []
    monkeypatch.setattr(
        signal_handlers,
        "insert_or_update_object_task",
        SimpleNamespace(enqueue=lambda *args: indexed.append(args)),
    )
    known, _ = reference_for_item(
        book("k", [person("Jong", "W.", "de")], 2013, "Ontwrichte kinderen")
    )
    indexed.clear()
    new_book = book(
        "n", [person("Berg", "A.", "van den"), person("Smit", "B.")], 2020, "Samen lezen"
    )
    entries = [
        (book("a", [person("JONG", "W.", "de")], 2013, "Ontwrichte kinderen!"), "oud", False),
        ({k: v for k, v in new_book.items() if k != "id"}, "nieuw", True),
        ({**new_book, "id": "x", "title": "Samen lezen."}, "nieuw, anders getypt", False),
    ]
    references = references_for_items(entries)
    assert references[0].pk == known.pk
    assert references[1].pk == references[2].pk != known.pk
    new = Reference.objects.get(pk=references[1].pk)
    assert new.raw_text == "nieuw" and new.needs_review
    assert new.csl_item["title"] == "Samen lezen" and new.csl_item["id"] == str(new.pk)
    assert [(n.particle, n.family, n.sort_order) for n in new.names.order_by("sort_order")] == [
        ("van den", "Berg", 0),
        ("", "Smit", 1),
    ]
    assert Reference.objects.count() == 2
    # What save() would have set off: the new reference goes into the search index.
    assert ("literature", "reference", str(new.pk)) in indexed


def test_many_items_with_one_invalid_write_nothing():
    good = {k: v for k, v in book("g", [person("Smit", "B.")], 2020, "Goed").items() if k != "id"}
    with pytest.raises(InvalidCSL):
        references_for_items([(good, "goed", False), ({"type": "boek"}, "fout", False)])
    assert Reference.objects.count() == 0


def test_free_text_becomes_a_reference_with_its_raw_text():
    text = "Wallin, D. J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds."
    reference, created = reference_for_text(text)
    assert created and reference.raw_text == text and not reference.needs_review
    assert reference.csl["title"] == "Gehechtheid in psychotherapie"
    assert reference.csl["publisher"] == "Nieuwezijds"
    assert reference_for_text(text) == (reference, False)
    odd, _ = reference_for_text("Iets wat geen literatuurverwijzing is")
    assert odd.needs_review and odd.csl["title"] == "Iets wat geen literatuurverwijzing is"


def test_fingerprint_prefers_doi_then_isbn():
    assert fingerprint({"DOI": "10.5/ABC", "ISBN": "1"}) == "doi:10.5/abc"
    assert fingerprint({"ISBN": "978-90-1"}) == "isbn:978901"
    assert validate_item({"id": 1, "type": "book"})


def test_editor_adds_a_reference_in_the_admin_form(admin_client):
    data = nested_form_data(
        {
            "csl_type": "chapter",
            "names": inline_formset(
                [
                    {"role": "author", "given": "I.", "particle": "van den", "family": "Broek"},
                    {"role": "editor", "given": "P.", "particle": "", "family": "Berg"},
                ]
            ),
            "issued_year": "2019",
            "issued_month": "",
            "issued_day": "",
            "title": "Een hoofdstuk",
            "container_title": "Het boek",
            "page": "12-30",
            "publisher": "Boom",
            "url": "",
        }
    )
    response = admin_client.post("/admin/snippets/literature/reference/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    reference = Reference.objects.get()
    assert reference.csl["author"] == [
        {"family": "Broek", "given": "I.", "non-dropping-particle": "van den"}
    ]
    assert reference.csl["editor"] == [{"family": "Berg", "given": "P."}]
    assert reference.csl["issued"] == {"date-parts": [[2019]]}
    assert reference.csl["page"] == "12-30"
    assert admin_client.get("/admin/snippets/literature/reference/").status_code == 200
    edit = admin_client.get(f"/admin/snippets/literature/reference/edit/{reference.pk}/")
    assert edit.status_code == 200 and "Broek" in edit.content.decode()
    json.dumps(reference.csl)  # storable and exportable as it is
