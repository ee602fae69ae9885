from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import bump_content_version


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def content_changed(sender, **kwargs):
    bump_content_version()


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()


def bump_on_save_and_delete(model) -> None:
    """Also invalidate cached fragments when `model` changes: for models shown inside page
    fragments (author names on cards, sector labels) that are not pages themselves."""

    def changed(sender, **kwargs):
        bump_content_version()

    post_save.connect(
        changed, sender=model, weak=False, dispatch_uid=f"content-version-{model._meta.label}"
    )
    post_delete.connect(
        changed, sender=model, weak=False, dispatch_uid=f"content-version-del-{model._meta.label}"
    )
