"""During an import run, a foreign key to a row the run has already seen exist is not looked up
again.

Django validates every foreign key of a model it cleans with a query ("does this row
exist?"), and Wagtail cleans every audit-log entry it writes: a published page's two entries
ask for the same content type and the same page again and again, about a tenth of a new page's
time. While `remembering_rows()` is active in a thread, a successful check is remembered for
the rest of the item and a repeated one answered from memory; everything else about the
validation is Django's. The memory is forgotten with an item whose transaction is rolled back
(`forget_rows()`), as rows it saw may be gone with it. Rows deleted by someone else while the
run goes on still fail at the database, which checks its foreign keys on commit, and the
item is reported as failed."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models import ForeignKey
from django.db.models.fields import Field

from .hooks import RunHook

_active = threading.local()
_LIBRARY_VALIDATE = ForeignKey.validate


def _validate(field: ForeignKey, value, model_instance) -> None:
    seen: set | None = getattr(_active, "seen", None)
    if (
        seen is None
        or value is None
        or field.remote_field.parent_link
        or field.get_limit_choices_to()
    ):
        _LIBRARY_VALIDATE(field, value, model_instance)
        return
    key = (field.remote_field.model, field.remote_field.field_name, value)
    if key in seen:
        Field.validate(field, value, model_instance)  # choices, null and blank, as Django does
        return
    _LIBRARY_VALIDATE(field, value, model_instance)
    seen.add(key)


_hook = RunHook(ForeignKey, "validate", _validate)


@contextmanager
def remembering_rows():
    previous = getattr(_active, "seen", None)
    _active.seen = set()
    try:
        with _hook.installed():
            yield
    finally:
        _active.seen = previous


def forget_rows() -> None:
    if getattr(_active, "seen", None) is not None:
        _active.seen = set()
