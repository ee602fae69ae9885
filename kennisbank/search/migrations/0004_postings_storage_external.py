from django.db import migrations


def external_storage(apps, schema_editor):
    # PostgreSQL compresses large bytea values (TOAST, pglz) and would decompress every posting
    # list on every query; EXTERNAL storage keeps them out of line but uncompressed.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE kbsearch_searchterm ALTER COLUMN postings SET STORAGE EXTERNAL"
        )


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0003_protected_word_help")]
    operations = [migrations.RunPython(external_storage, migrations.RunPython.noop)]
