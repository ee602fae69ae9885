from django.db import migrations
from django.db.models import F

# More of our own starting list: abbreviations and synonyms in general use in Dutch education
# (government, school and sector usage), not picked from any test collection's queries.
# Editors change them under Search > Synonyms. Abbreviation groups put the abbreviation first.
ABBREVIATIONS = [
    "bsa, bindend studieadvies",
    "pta, programma van toetsing en afsluiting",
    "lob, loopbaanoriëntatie en -begeleiding, loopbaanoriëntatie",
    "vsv, voortijdig schoolverlaten, voortijdig schoolverlater",
    "bpv, beroepspraktijkvorming",
    "bol, beroepsopleidende leerweg",
    "bbl, beroepsbegeleidende leerweg",
    "tto, tweetalig onderwijs",
    "lio, leraar in opleiding",
    "rt, remedial teaching",
    "hgw, handelingsgericht werken",
    "ogw, opbrengstgericht werken",
    "sova, sociale vaardigheden",
    "hsp, hoogsensitief, hooggevoelig, hooggevoeligheid",
    "dcd, coördinatieontwikkelingsstoornis",
    "jgz, jeugdgezondheidszorg",
    "ggd, gemeentelijke gezondheidsdienst",
    "smw, schoolmaatschappelijk werk",
    "gmr, gemeenschappelijke medezeggenschapsraad",
    "vavo, voortgezet algemeen volwassenenonderwijs",
    "pro, praktijkonderwijs",
    "lo, lichamelijke opvoeding, gymnastiek, gym, bewegingsonderwijs",
]
SYNONYMS = [
    "zittenblijven, doubleren, blijven zitten",
    "executieve functies, regelfuncties",
    "taalontwikkelingsstoornis, taalstoornis",
    "adhd, aandachtsstoornis",
    "examenvrees, examenangst, toetsangst",
    "stageplek, stageplaats",
    "eindtoets, doorstroomtoets",
    "peuterspeelzaal, peuteropvang",
    "schoolleider, directeur",
    "burgerschapsonderwijs, burgerschapsvorming",
    "nieuwkomer, anderstalige leerling",
]


def create(apps, schema_editor):
    Synonym = apps.get_model("kbsearch", "Synonym")
    for terms in ABBREVIATIONS:
        Synonym.objects.get_or_create(kind="abbreviation", terms=terms)
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(kind="synonym", terms=terms)
    # Running processes reload the editors' data when this counter moves.
    apps.get_model("kbsearch", "SearchState").objects.filter(pk=1).update(
        editor_version=F("editor_version") + 1
    )


def remove(apps, schema_editor):
    Synonym = apps.get_model("kbsearch", "Synonym")
    for kind, groups in (("abbreviation", ABBREVIATIONS), ("synonym", SYNONYMS)):
        Synonym.objects.filter(kind=kind, terms__in=groups).delete()


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0004_postings_storage_external")]
    operations = [migrations.RunPython(create, remove)]
