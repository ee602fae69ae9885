"""The data migration that turns plain-text literature entries into shared references."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kennisbank.articles.models import ArticlePage
from kennisbank.articles.tests.factories import ArticlePageFactory
from kennisbank.literature.models import Reference

BEFORE = [("articles", "0005_articlereference_reference")]

TEXTS = [
    "Wallin, D.J. (2010). Gehechtheid in psychotherapie. Amsterdam: Nieuwezijds.",
    "IJzendoorn, M.H. van (2008). Opvoeding over de grens. Amsterdam: Boom Academic.",
    "Geen herkenbare verwijzing",
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_text_entries_become_references_in_order_with_their_text():
    first = ArticlePageFactory(literature=[])
    second = ArticlePageFactory(literature=[])
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    LiteratureEntry = old_apps.get_model("articles", "LiteratureEntry")
    for order, text in enumerate(TEXTS):
        LiteratureEntry.objects.create(page_id=first.pk, text=text, sort_order=order)
    LiteratureEntry.objects.create(page_id=second.pk, text=TEXTS[0], sort_order=0)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    first = ArticlePage.objects.get(pk=first.pk)
    second = ArticlePage.objects.get(pk=second.pk)
    assert [ref.raw_text for ref in first.references] == TEXTS
    assert Reference.objects.count() == 3  # the shared book is one record
    assert second.references == [first.references[0]]
    wallin, ijzendoorn, odd = first.references
    assert wallin.csl["publisher"] == "Nieuwezijds" and not wallin.needs_review
    assert ijzendoorn.csl["author"] == [
        {"family": "IJzendoorn", "given": "M.H.", "non-dropping-particle": "van"}
    ]
    assert odd.needs_review and odd.csl["title"] == TEXTS[2]
    assert wallin.csl["id"] == str(wallin.pk)
