import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import ForeignKey
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from kennisbank.importer.known_rows import forget_rows, remembering_rows


def _checks(entry) -> int:
    field = PageLogEntry._meta.get_field("content_type")
    with CaptureQueriesContext(connection) as queries:
        field.validate(entry.content_type_id, entry)
    return len(queries)


@pytest.mark.django_db
def test_a_row_seen_once_is_not_looked_up_again_during_a_run(home):
    entry = PageLogEntry(content_type=ContentType.objects.get_for_model(home), page=home)
    library_validate = ForeignKey.validate
    assert _checks(entry) == 1 and _checks(entry) == 1  # outside a run: every time
    with remembering_rows():
        assert _checks(entry) == 1
        assert _checks(entry) == 0
        forget_rows()  # after a rolled-back item
        assert _checks(entry) == 1
        # A missing row is still refused, and never remembered.
        missing = PageLogEntry(content_type_id=987654, page=home)
        for _ in range(2):
            with pytest.raises(ValidationError):
                PageLogEntry._meta.get_field("content_type").validate(987654, missing)
    assert ForeignKey.validate is library_validate
    assert _checks(entry) == 1
