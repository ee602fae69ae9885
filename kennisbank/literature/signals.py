from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import LiteratureSettings, Reference


@receiver(page_published)
def article_published(sender, instance, revision=None, **kwargs):
    from kennisbank.articles.models import ArticlePage

    if not isinstance(instance, ArticlePage):
        return
    from . import services, tasks

    services.record_version(instance, revision)
    tasks.render_article.enqueue(instance.pk)


@receiver(post_save, sender=Reference)
def reference_changed(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return  # a new reference is not cited yet
    from . import tasks

    tasks.rerender_articles_citing.enqueue(instance.pk)


@receiver(post_save, sender="people.Author")
def author_changed(sender, instance, created, raw=False, **kwargs):
    """An author's name is part of every citation of their articles."""
    if created or raw:
        return
    from . import tasks

    tasks.rerender_articles_by.enqueue(instance.pk)


@receiver(post_save, sender=LiteratureSettings)
def convention_changed(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return  # created on first use, with the default convention
    from . import tasks

    tasks.rerender_all_articles.enqueue()
