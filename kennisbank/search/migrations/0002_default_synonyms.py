from django.db import migrations

# Our own starting list; editors extend it under Search > Synonyms in the admin.
# Abbreviation groups put the abbreviation first.
ABBREVIATIONS = [
    "ib'er, intern begeleider, ib",
    "hb, hoogbegaafd, hoogbegaafdheid",
    "sbo, speciaal basisonderwijs",
    "so, speciaal onderwijs",
    "vso, voortgezet speciaal onderwijs",
    "vo, voortgezet onderwijs",
    "po, primair onderwijs, basisonderwijs",
    "mbo, middelbaar beroepsonderwijs",
    "hbo, hoger beroepsonderwijs",
    "wo, wetenschappelijk onderwijs",
    "vmbo, voorbereidend middelbaar beroepsonderwijs",
    "havo, hoger algemeen voortgezet onderwijs",
    "vwo, voorbereidend wetenschappelijk onderwijs",
    "opp, ontwikkelingsperspectief, ontwikkelingsperspectiefplan",
    "tos, taalontwikkelingsstoornis",
    "vve, voor- en vroegschoolse educatie, vroegschoolse educatie",
    "adhd, aandachtstekortstoornis",
    "ass, autismespectrumstoornis, autisme",
    "lvs, leerlingvolgsysteem",
    "nt2, nederlands als tweede taal, tweede taal",
    "zoco, zorgcoördinator",
    "swv, samenwerkingsverband",
    "lwoo, leerwegondersteunend onderwijs",
    "bso, buitenschoolse opvang",
    "kdv, kinderdagverblijf",
    "cjg, centrum voor jeugd en gezin",
    "ggz, geestelijke gezondheidszorg",
    "slb, studieloopbaanbegeleiding, studieloopbaanbegeleider",
    "pabo, lerarenopleiding basisonderwijs",
    "mr, medezeggenschapsraad",
    "ll, leerling, leerlingen",
    "lk, leerkracht",
]
SYNONYMS = [
    "leraar, leerkracht, docent",
    "leerling, scholier",
    "gedragsproblemen, probleemgedrag",
    "toets, proefwerk",
    "faalangst, prestatieangst",
    "dyscalculie, rekenstoornis",
    "dyslexie, leesstoornis",
    "pesten, treiteren",
    "thuiszitter, schoolverzuim",
]


def create(apps, schema_editor):
    Synonym = apps.get_model("kbsearch", "Synonym")
    for terms in ABBREVIATIONS:
        Synonym.objects.get_or_create(kind="abbreviation", terms=terms)
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(kind="synonym", terms=terms)


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
