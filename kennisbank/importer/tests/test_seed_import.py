"""The reference page from ../shared/seed/ imported end to end."""

import datetime

import pytest
from django.utils.html import strip_tags

from kennisbank.articles.models import ArticlePage
from kennisbank.importer.models import ImportRecord, ImportRun
from kennisbank.importer.services import Importer
from kennisbank.people.models import Author

from .factories import theme_with_topics

pytestmark = pytest.mark.django_db

LITERATURE = [
    "Bowlby, J. (1988). A Secure Base. Clinical Applications of Attachment Theory. Oxon: "
    "Routledge.",
    "Galenkamp, H. (2009). Krachtige leraren, prachtig onderwijs. Naar meer contact en "
    "bezieling in de school. Amersfoort: CPS.",
    "Hart, S. (2008). Brain, Attachment and Personality. An introduction to neuroaffective "
    "development. London: Karnac Books Ltd.",
    "Jong, W. de & Jong, A. de (2013). Ontwrichte kinderen in het onderwijs. Een verborgen "
    "epidemie. Huizen: Pica.",
    "Ruppert, F. (2010). Symbiose en autonomie. Een weg uit symbiosetrauma en destructieve "
    "afhankelijkheid. Eeserveen: Akasha.",
    "Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds.",
    "IJzendoorn, M.H. van (2008). Opvoeding over de grens. Gehechtheid, trauma en veerkracht. "
    "Amsterdam: Boom Academic.",
]
HEADINGS = [
    "Inleiding",
    "Gezonde ontwikkeling",
    "Onveilige hechting",
    "Containment",
    "Neurofysiologisch onderzoek",
    "Angst of autonomie?",
    "Een helder tegenover",
    "Wat vraagt dit van ouders en andere opvoeders",
    "Conclusie",
]


def _import(path, **options):
    run = Importer(**{"publish": True, **options}).import_paths([str(path)])
    return run, run.report["items"][0]


def test_seed_page_becomes_a_complete_article(seed_path, home):
    theme_with_topics("Problemen", "Hechting", "Trauma")
    run, item = _import(seed_path)
    assert item["status"] == "created", item
    page = ArticlePage.objects.get(pk=item["page_id"])

    assert page.title == "Een neurobiologisch perspectief op hechtingsproblematiek"
    assert page.short_title == "Perspectieven hechtingsproblematiek"
    assert page.published_date == datetime.date(2015, 6, 1)
    assert page.live
    assert page.lead.startswith("Sommige kinderen zijn onveilig gehecht.")

    (author,) = page.authors
    assert (author.given_name, author.particle, author.family_name) == ("Henk", "", "Galenkamp")
    assert author.initials == "H."
    assert author.bio_line == "Specialist in leiderschapscoaching, teamcoaching en -training"
    assert author.organisation == "Bureau Galenkamp & Schut"

    blocks = list(page.body.raw_data)
    assert [b["value"]["text"] for b in blocks if b["type"] == "heading"] == HEADINGS
    lists = [b["value"] for b in blocks if b["type"] == "list"]
    assert len(lists) == 7
    assert [strip_tags(item["value"]) for item in lists[1]["items"]] == [
        "vrolijkheid;",
        "spontaniteit;",
        "aangaan van vriendschappen;",
        "kunnen omgaan met teleurstelling (veerkracht);",
        "innerlijke rust.",
    ]
    assert page.literature == LITERATURE
    record = ImportRecord.objects.get(page=page)
    assert record.source_key == "https://wij-leren.nl/onveilige-hechting-neurobiologie.php"
    assert [topic.title for topic in page.topics] == ["Hechting"]

    body_text = " ".join(strip_tags(str(b["value"])) for b in blocks)
    for boilerplate in ("nieuwsbrief", "Volg ons", "extra-breed", "Geraadpleegd", "Gerelateerd"):
        assert boilerplate not in body_text
    assert "Ontwikkelend bewegen" not in body_text  # the theme menu
    assert "Kwink op school" not in body_text  # a promoted item
    assert "gedesoriënteerde" in body_text


def test_seed_related_entries_are_kept_as_pending_links(seed_path, home):
    _, item = _import(seed_path)
    record = ImportRecord.objects.get(page_id=item["page_id"])
    entries = {entry["short_title"]: entry for entry in record.related_entries}
    kinds = [entry["kind"] for entry in record.related_entries]
    assert (kinds.count("offering"), kinds.count("article"), kinds.count("research")) == (4, 9, 14)
    assert entries["HGW classificeren"]["attribution"] == "Noëlle Pameijer"  # repaired
    assert entries["HGW classificeren"]["kind"] == "article"
    assert entries["Gedragsproblemen in de klas"]["attribution"] == "Arja Kerpel"
    assert entries["Betrokken Leerlingen"]["kind"] == "offering"
    assert entries["Betrokken Leerlingen"]["attribution"] == "Bazalt | HCO | RPCZ"
    assert entries["Tweelingen"]["kind"] == "research"
    assert "TIME – OnderwijsBewijs" in entries["Motivatie verhogen TIME"]["title"]
    assert all(entry["page_id"] is None for entry in record.related_entries)


def test_seed_old_url_redirects_permanently(seed_path, home, client):
    _, item = _import(seed_path)
    page = ArticlePage.objects.get(pk=item["page_id"])
    for old in (
        "/onveilige-hechting-neurobiologie.php",
        "/onveilige-hechting-neurobiologie.php/",
        "/onveilige-hechting-neurobiologie.php?utm_source=nieuwsbrief&utm_medium=email",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_seed_reimport_updates_in_place(seed_path, home):
    _, first = _import(seed_path)
    _, second = _import(seed_path)
    assert second["status"] == "unchanged"
    assert second["page_id"] == first["page_id"]
    assert ArticlePage.objects.count() == 1
    assert Author.objects.filter(family_name="Galenkamp").count() == 1

    page = ArticlePage.objects.get()
    ImportRecord.objects.update(fingerprint="changed at the source")
    _, third = _import(seed_path)
    assert third["status"] == "updated"
    assert ArticlePage.objects.count() == 1
    assert ArticlePage.objects.get().pk == page.pk
    assert len(ArticlePage.objects.get().literature) == 7


def test_seed_dry_run_changes_nothing(seed_path, home):
    run, item = _import(seed_path, dry_run=True)
    assert item["status"] == "would create"
    assert "nieuwe auteur Henk Galenkamp" in item["notes"]
    assert item["redirects"] == ["/onveilige-hechting-neurobiologie.php"]
    assert not ArticlePage.objects.exists()
    assert not Author.objects.exists()
    assert ImportRun.objects.get().dry_run
