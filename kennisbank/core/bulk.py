"""Inserting many rows in one statement without losing what their `save()` would set off."""

from __future__ import annotations

from django.db.models.signals import post_save


def bulk_insert(model, objects: list) -> None:
    """`model.objects.bulk_create(objects)`; the objects get their primary keys."""
    if not objects:
        return
    model.objects.bulk_create(objects)
    if any(obj.pk is None for obj in objects):
        # A database that cannot return the new keys of a bulk insert (SQLite before 3.35).
        raise RuntimeError("bulk insert returned no primary keys")


def send_created(objects: list) -> None:
    """The `post_save` signal each new object's `save()` would have sent (search and reference
    indexes and cache invalidation listen to it). Send it once related rows the receivers may
    read (a reference's names) are in too."""
    for obj in objects:
        post_save.send(
            sender=type(obj),
            instance=obj,
            created=True,
            raw=False,
            using=obj._state.db,
            update_fields=None,
        )


def bulk_create_with_signals(model, objects: list) -> None:
    bulk_insert(model, objects)
    send_created(objects)
