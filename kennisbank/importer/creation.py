"""Creating a new imported page: saved once, in its final state, with one revision.

`save_revision().publish()` would save the page three times and validate it twice, rebuild it
from the revision's JSON, and index it for search each time. A new page has nothing to
reconcile, so it is added once (made live in the same transaction when publishing) and its
first revision, holding the whole page with its relations, is recorded as its latest and live
one, with the same log entries and signals as the admin's create and publish (the site's cache
invalidation listens to `page_published`)."""

from __future__ import annotations

from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published, published

from kennisbank.articles.models import ArticlePage
from kennisbank.core.bulk import bulk_create_with_signals

# Set by the tree when the page is added, or foreign keys to objects the run holds.
UNCHECKED_PAGE_FIELDS = {"path", "depth", "numchild", "url_path"}
RELATION_FIELDS = {field.name for field in ArticlePage._meta.fields if field.is_relation}


def create_page(index, page, *, publish: bool, user=None) -> None:
    """Add `page` under `index` as a new page (see the module's docstring)."""
    now = timezone.now()
    page.draft_title = page.title
    page.owner = user
    page.locale_id = index.locale_id
    if publish and page.published_date is None:
        page.published_date = timezone.localdate()  # as ContentPage.save does for live pages
    # Wagtail validates a live page with full_clean(), which looks up every foreign key
    # (content type, locale, owner) and the unique fields: about ten queries a page. The
    # page is validated here field by field (the body's blocks, lengths, choices) without
    # those queries, and saved as a draft, for which Wagtail checks the title and that the
    # slug is free under the parent; the update below makes it live in the same
    # transaction. The foreign keys are objects this run holds; the tree path and the
    # translation key are new and unique by construction (and by the database).
    page.clean_fields(exclude=UNCHECKED_PAGE_FIELDS | RELATION_FIELDS)
    page.live, page.has_unpublished_changes = False, True
    # A new translation key cannot be a site's root (or its translation): Wagtail's save
    # would ask the database.
    page._is_site_root = False
    children = _child_objects_in_memory(page)
    # The child objects (authors, topics, literature links) are inserted below, one
    # statement per relation, instead of by modelcluster one row at a time after reading
    # what the new page already has (nothing).
    relations = {rel.get_accessor_name(): rel for rel in get_all_child_relations(page)}
    held = getattr(page, "_cluster_related_objects", {})
    for name in relations:
        held.pop(name, None)
    index.add_child(instance=page)
    page.live, page.has_unpublished_changes = publish, not publish
    for name, relation in relations.items():
        _insert_children(page, relation, children[name])
    # The revision below serialises the page with all its children: they are handed back
    # as they are now stored (with their keys), and the relations the page has none of as
    # empty, instead of being read again.
    for name, objects in children.items():
        setattr(page, name, objects)
    if publish:
        page.last_published_at = now
        page.first_published_at = page.first_published_at or now
    # What save_revision() does, without saving the whole page a second time.
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.live_revision = revision if publish else None
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        latest_revision_created_at=revision.created_at,
        live_revision=page.live_revision,
        live=page.live,
        has_unpublished_changes=page.has_unpublished_changes,
        first_published_at=page.first_published_at,
        last_published_at=page.last_published_at,
    )
    # Page.save() has logged "wagtail.create" (attributed to the owner).
    if not publish:
        return
    log(instance=page, action="wagtail.publish", user=user, revision=revision)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    published.send(sender=type(page), instance=page, revision=revision)


def _child_objects_in_memory(page) -> dict[str, list]:
    """Every child relation and parental many-to-many field of a new page, by name: the
    objects assigned to it, or none."""
    held = getattr(page, "_cluster_related_objects", {})
    names = [relation.get_accessor_name() for relation in get_all_child_relations(page)]
    names += [field.name for field in get_all_child_m2m_relations(page)]
    return {name: list(held.get(name, ())) for name in names}


def _insert_children(page, relation, objects: list) -> None:
    """Insert a new page's child objects of one relation, with their `post_save` signals."""
    for order, child in enumerate(objects):
        setattr(child, relation.field.name, page)
        if getattr(child, "sort_order", 0) is None:
            child.sort_order = order
    bulk_create_with_signals(relation.related_model, objects)
