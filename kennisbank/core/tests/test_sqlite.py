import pytest
from django.db import connection

from kennisbank.core.sqlite import BULK_WAL_PAGES, fewer_checkpoints


def _autocheckpoint() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_bulk_job_checkpoints_less_often_and_restores_the_setting():
    if connection.vendor != "sqlite":
        with fewer_checkpoints():  # a no-op elsewhere
            pass
        pytest.skip("SQLite only")
    before = _autocheckpoint()
    assert before != BULK_WAL_PAGES
    with fewer_checkpoints():
        assert _autocheckpoint() == BULK_WAL_PAGES
    assert _autocheckpoint() == before
    with pytest.raises(RuntimeError), fewer_checkpoints():
        raise RuntimeError("the job failed")
    assert _autocheckpoint() == before
