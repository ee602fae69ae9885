"""Enqueue recomputations when content that can appear in a "Related" block changes."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from kennisbank.taxonomy.models import ContentPage

from .models import RelatedItem


def _enqueue(task, *args) -> None:
    # Not deferred to on_commit: the database backend stores the task in the same transaction,
    # so its worker only sees it once the change is committed, and the immediate backend
    # (development, tests) runs it on the state this transaction already sees.
    task.enqueue(*args)


@receiver(page_published)
def page_published_changed(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ContentPage):
        from .tasks import recompute_after_page_change

        _enqueue(recompute_after_page_change, instance.pk)


@receiver(page_unpublished)
def page_unpublished_changed(sender, instance, **kwargs):
    # Also sent by Wagtail just before a live page is deleted, while its row still says live:
    # the task is told the page is gone, so no new row can point at (or come from) it.
    if isinstance(instance.specific_deferred, ContentPage):
        from .tasks import recompute_after_page_change

        _enqueue(recompute_after_page_change, instance.pk, True)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # A move can change view restrictions (a private section), hence eligibility.
    if isinstance(instance.specific_deferred, ContentPage):
        from .tasks import recompute_after_page_change

        _enqueue(recompute_after_page_change, instance.pk)


@receiver(pre_delete)
def page_deleting(sender, instance, **kwargs):
    if sender is Page:
        # The rows pointing at it cascade away and its readers fall back on their stored
        # reserve; a recomputation fills the reserve again.
        sources = list(
            RelatedItem.objects.filter(target_page_id=instance.pk)
            .exclude(source_id=instance.pk)
            .values_list("source_id", flat=True)
            .distinct()
        )
        if sources:
            from django.db import transaction

            from .tasks import recompute_pages

            # After the deletion is committed: run now, the page would still be a candidate.
            transaction.on_commit(lambda: recompute_pages.enqueue(sources))
