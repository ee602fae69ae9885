import re

import pytest

from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.literature.models import Reference
from kennisbank.literature.services import reference_for_text

pytestmark = pytest.mark.django_db

URL = "/admin/literatuur/plakken/"
PASTED = """
 • Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds.
 • Jong, W. de & Jong, A. de (2013). Ontwrichte kinderen in het onderwijs. Huizen: Pica.

1. Gewoon een zin zonder jaartal
"""


def hidden_fields(html):
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    return {
        k: v.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
        for k, v in fields.items()
    }


def test_pasted_list_is_shown_for_review_and_saved_without_duplicates(admin_client):
    existing, _ = reference_for_text(
        "Wallin, D. J. (2010). Gehechtheid in psychotherapie. Nieuwezijds."
    )
    page = ArticlePageFactory(literature=[])
    response = admin_client.post(URL, {"step": "parse", "text": PASTED, "article": page.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert Reference.objects.count() == 1  # nothing saved yet
    assert "Bestaat al" in html  # Wallin matches the existing record
    assert "Controle nodig" in html  # the line without a year
    assert "Jong" in html and "Pica" in html

    data = hidden_fields(html)
    data.update({"include-0": "1", "include-1": "1", "include-2": "1"})
    response = admin_client.post(URL, data)
    assert response.status_code == 302
    assert Reference.objects.count() == 3  # Wallin reused, two new
    odd = Reference.objects.get(raw_text="Gewoon een zin zonder jaartal")
    assert odd.needs_review
    jong = Reference.objects.get(publisher="Pica")
    assert [n.particle for n in jong.names.all()] == ["de", "de"]
    # The article gets a draft listing them; the live page is unchanged until published.
    page.refresh_from_db()
    assert page.references == []
    draft = page.get_latest_revision_as_object()
    assert [link.reference_id for link in draft.literature_links.all()] == [
        existing.pk,
        jong.pk,
        odd.pk,
    ]


def test_unchecked_rows_are_not_saved(admin_client):
    html = admin_client.post(URL, {"step": "parse", "text": PASTED}).content.decode()
    data = hidden_fields(html)
    data["include-1"] = "1"
    admin_client.post(URL, data)
    assert list(Reference.objects.values_list("publisher", flat=True)) == ["Pica"]


def test_an_empty_paste_is_refused_and_tampered_json_saves_nothing(admin_client):
    response = admin_client.post(URL, {"step": "parse", "text": "  \n • \n"})
    assert "Plak ten minste één verwijzing" in response.content.decode()
    data = {
        "step": "save",
        "count": "2",
        "include-0": "1",
        "include-1": "1",
        "item-0": '{"type": "book", "title": "Goed"}',
        "item-1": '{"type": "boek"}',
    }
    response = admin_client.post(URL, data, follow=True)
    assert "Er is niets opgeslagen" in response.content.decode()
    assert Reference.objects.count() == 0


def test_paste_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user("lezer", password="pw")
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
