from django.db import migrations

SECTORS = [
    ("po", "Primair onderwijs", "po"),
    ("vo", "Voortgezet onderwijs", "vo"),
    ("mbo", "Middelbaar beroepsonderwijs", "mbo"),
    ("ho", "Hoger onderwijs", "ho"),
    ("so", "Speciaal (basis)onderwijs", "so/sbo"),
]


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("taxonomy", "Sector")
    for order, (code, name, abbreviation) in enumerate(SECTORS):
        Sector.objects.get_or_create(
            code=code, defaults={"name": name, "abbreviation": abbreviation, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]
