"""Our own test pages, one of each kind, imported into the database."""

import datetime
import io
import shutil

import pytest
from django.utils.html import strip_tags
from PIL import Image as PILImage
from wagtail.images import get_image_model

from kennisbank.articles.models import ArticlePage
from kennisbank.importer.models import ImportRecord
from kennisbank.importer.services import Importer
from kennisbank.people.models import Author
from kennisbank.people.tests.factories import AuthorFactory
from kennisbank.taxonomy.tests.factories import sector

from .factories import theme_with_topics

pytestmark = pytest.mark.django_db


def run(*paths, **options):
    return Importer(**{"publish": True, **options}).import_paths([str(p) for p in paths])


def only_item(import_run):
    (item,) = import_run.report["items"]
    return item


def test_saved_page_text(pages, home):
    theme, (topic,) = theme_with_topics("Leren", "Handelend rekenen")
    item = only_item(run(pages / "saved_page.txt"))
    assert item["status"] == "created", item
    page = ArticlePage.objects.get(pk=item["page_id"])
    assert page.title == "Rekenen met je handen: concreet materiaal in groep 3 tot en met 5"
    assert page.short_title == "Rekenen met je handen"
    assert page.published_date == datetime.date(2019, 3, 14)
    (author,) = page.authors
    assert (author.given_name, author.particle, author.family_name, author.initials) == (
        "Femke",
        "van der",
        "Meulen",
        "F.",
    )
    assert author.citation_name == "Meulen, F. van der"
    headings = [b["value"]["text"] for b in page.body.raw_data if b["type"] == "heading"]
    assert headings == ["Waarom materiaal?", "Hoe bouw je het af?", "Conclusie"]
    text = " ".join(strip_tags(str(b["value"])) for b in page.body.raw_data)
    assert "nieuwsbrief" not in text
    assert (
        page.literature[1]
        == "Berg, L. van den & Smit, K. (2016). Handelend rekenen. Zwolle: Fictief."
    )
    assert page.topics == [topic]


def test_markdown_with_front_matter(pages, home):
    AuthorFactory(given_name="Ruud", particle="ter", family_name="Horst", initials="R.")
    theme_with_topics("Leren", "Samen leren")
    item = only_item(run(pages / "article.md"))
    assert item["status"] == "created", item
    page = ArticlePage.objects.get(pk=item["page_id"])
    assert page.short_title == "Denkvragen"
    assert page.published_date == datetime.date(2022, 1, 17)
    assert Author.objects.count() == 1  # matched by name, particle included
    assert [a.family_name for a in page.authors] == ["Horst"]
    assert list(page.sectors.all()) == [sector("vo")]
    # The unknown topic is created under the named theme, and the report says so.
    assert [t.title for t in page.topics] == ["Vragen stellen"]
    assert "nieuw onderwerp 'Vragen stellen' onder thema 'Leren'" in item["notes"]
    assert page.literature == ["Horst, R. ter (2020). Vragen in de klas. Deventer: Fictief."]
    assert "<script" not in str(page.body.raw_data)
    assert item["redirects"] == ["/denkvragen.php?id=12"]


def test_html_page_uses_markup_and_imports_images_beside_it(pages, home, tmp_path):
    shutil.copy(pages / "article.html", tmp_path / "article.html")
    (tmp_path / "images").mkdir()
    png = io.BytesIO()
    PILImage.new("RGB", (8, 6), "orange").save(png, "PNG")
    (tmp_path / "images" / "springen.png").write_bytes(png.getvalue())

    item = only_item(run(tmp_path))
    assert item["status"] == "created", item
    page = ArticlePage.objects.get(pk=item["page_id"])
    assert page.title == "Bewegend leren in de kleuterklas"
    assert page.lead == "Hoe beweging het leren van kleuters ondersteunt."
    assert page.published_date == datetime.date(2018, 9, 3)
    assert [a.full_name for a in page.authors] == ["Sanne de Boer"]
    types = [b["type"] for b in page.body.raw_data]
    assert types == ["paragraph", "heading", "paragraph", "image", "list", "heading", "quote"]
    image_block = page.body.raw_data[3]["value"]
    assert image_block["alt_text"] == "Kleuters springen in een kring"
    assert image_block["caption"] == "Tellen in de kring"
    assert get_image_model().objects.get(pk=image_block["image"]).width == 8
    assert page.body.raw_data[5]["value"]["level"] == "h3"
    assert page.literature == ["Vries, M. de (2014). Kleuters in beweging. Amsterdam: Voorbeeld."]

    # Re-import: same page, same image.
    ImportRecord.objects.update(fingerprint="")
    again = only_item(run(tmp_path))
    assert (again["status"], again["page_id"]) == ("updated", page.pk)
    assert get_image_model().objects.count() == 1


def test_html_page_of_the_old_site_reads_header_from_its_text(pages, home):
    item = only_item(run(pages / "old_site_page.html"))
    assert item["status"] == "created", item
    page = ArticlePage.objects.get(pk=item["page_id"])
    assert (page.title, page.short_title) == ("Bewegen tussen de lessen door", "Korte pauzes")
    (author,) = page.authors
    assert (author.particle, author.family_name, author.bio_line) == (
        "van 't",
        "Hek",
        "Bewegingsdocent",
    )
    assert [b["type"] for b in page.body.raw_data] == ["heading", "paragraph", "list"]
    assert item["source_url"] == "https://oude-kennisbank.example/pauzes.php"
    record = ImportRecord.objects.get(page=page)
    assert record.related_entries[0]["short_title"] == "Samen leren"


def test_same_author_across_pages_is_one_author(pages, home, tmp_path):
    for number in range(3):
        text = (pages / "saved_page.txt").read_text(encoding="utf-8")
        text = text.replace("rekenen-met-je-handen.php", f"pagina-{number}.php")
        (tmp_path / f"pagina-{number}.txt").write_text(text, encoding="utf-8")
    import_run = run(tmp_path)
    assert import_run.report["counts"] == {"created": 3}
    assert Author.objects.filter(family_name="Meulen").count() == 1
    assert ArticlePage.objects.count() == 3


def test_author_with_particle_matches_existing_author(pages, home):
    existing = AuthorFactory(given_name="Femke", particle="van der", family_name="Meulen")
    item = only_item(run(pages / "saved_page.txt"))
    assert [a.pk for a in ArticlePage.objects.get(pk=item["page_id"]).authors] == [existing.pk]
    assert Author.objects.count() == 1


def test_draft_import_leaves_page_unpublished(pages, home, client):
    item = only_item(run(pages / "saved_page.txt", publish=False))
    page = ArticlePage.objects.get(pk=item["page_id"])
    assert not page.live
    assert not Author.objects.get(family_name="Meulen").live
    # The redirect is in place already; it leads to the page once an editor publishes it.
    response = client.get("/rekenen-met-je-handen.php")
    assert (response.status_code, response["Location"]) == (301, page.url)
    assert client.get(page.url).status_code == 404


def test_new_page_is_published_like_wagtail_publishes(pages, home):
    from wagtail.models import PageLogEntry

    item = only_item(run(pages / "article.md"))
    page = ArticlePage.objects.get(pk=item["page_id"])
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id is not None
    assert page.revisions.count() == 1
    assert page.first_published_at.date() == datetime.date(2022, 1, 17)
    assert page.last_published_at is not None
    assert page.draft_title == page.title
    actions = sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert actions == ["wagtail.create", "wagtail.publish"]
    # The revision holds the whole page, relations included, as an editor's would.
    restored = page.latest_revision.as_object()
    assert [a.family_name for a in restored.authors] == ["Horst"]
    assert len(restored.literature_links.all()) == 1


def test_draft_then_publish_goes_through_wagtails_publish(pages, home):
    first = only_item(run(pages / "article.md", publish=False))
    page = ArticlePage.objects.get(pk=first["page_id"])
    assert not page.live and page.has_unpublished_changes and page.live_revision is None
    second = only_item(run(pages / "article.md"))
    assert second["status"] == "updated"
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id


def test_pending_related_entries_are_resolved_by_a_later_import(pages, home, tmp_path):
    first = only_item(run(pages / "saved_page.txt"))
    record = ImportRecord.objects.get(page_id=first["page_id"])
    assert [e["page_id"] for e in record.related_entries] == [None, None]

    (tmp_path / "spelend.md").write_text(
        "---\ntitle: Rekenspelletjes die echt iets opleveren\nshort_title: Spelend rekenen\n"
        "authors: [Joost de Graaf]\nsource_url: https://oude-kennisbank.example/spelend.php\n"
        "---\n\nSpelen met getallen.\n",
        encoding="utf-8",
    )
    second = only_item(run(tmp_path / "spelend.md"))
    record.refresh_from_db()
    assert [e["page_id"] for e in record.related_entries] == [second["page_id"], None]
