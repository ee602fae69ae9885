"""Enqueue index updates when published content changes. Enqueued after the commit, so the
task sees the committed page."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from kennisbank.taxonomy.models import ContentPage

from .editor_data import bump_editor_version
from .models import ProtectedWord, Synonym


def _is_content(instance) -> bool:
    return isinstance(instance, ContentPage) or (
        isinstance(instance, Page)
        and (model := instance.specific_class) is not None
        and issubclass(model, ContentPage)
    )


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    if _is_content(instance):
        from .tasks import index_pages

        page_id = instance.pk
        transaction.on_commit(lambda: index_pages.enqueue([page_id]))


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    if _is_content(instance):
        from .tasks import remove_pages

        page_id = instance.pk
        transaction.on_commit(lambda: remove_pages.enqueue([page_id]))


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    from .tasks import index_subtree

    page_id = instance.pk
    transaction.on_commit(lambda: index_subtree.enqueue(page_id))


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from .models import SearchDocument

        page_id = instance.pk
        # Cheap check in the same transaction: only enqueue for pages that are in the index.
        if SearchDocument.objects.filter(page_id=page_id).exists():
            from .tasks import remove_pages

            transaction.on_commit(lambda: remove_pages.enqueue([page_id]))


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
@receiver(post_save, sender=ProtectedWord)
@receiver(post_delete, sender=ProtectedWord)
def on_editor_data(sender, **kwargs):
    bump_editor_version()
