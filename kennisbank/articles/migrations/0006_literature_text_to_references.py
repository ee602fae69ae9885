"""Turn every plain-text literature entry into a shared Reference (keeping the text as its raw
text, flagged for review where the simple conversion was unsure) and link it in order. Revisions
are rewritten too, so the editor, previews and old versions see the same list."""

from django.db import migrations


def _reference_for(text, Reference, ReferenceName, cache):
    from kennisbank.literature import csl
    from kennisbank.literature.conversion import simple_convert
    from kennisbank.literature.models import Reference as CurrentReference

    text = " ".join(text.split())
    if text in cache:
        return cache[text]
    existing = Reference.objects.filter(raw_text=text).first()
    if existing is not None:
        cache[text] = existing.pk
        return existing.pk
    item, needs_review = simple_convert(text)
    try:
        current = CurrentReference.from_csl(item, raw_text=text, needs_review=needs_review)
    except csl.InvalidCSL:
        current = CurrentReference.from_csl(
            {"type": "document", "title": text[:1000]}, raw_text=text, needs_review=True
        )
    built = current.build_csl()
    fields = {
        field.attname: getattr(current, field.attname)
        for field in CurrentReference._meta.concrete_fields
        if field.attname not in ("id", "created_at", "updated_at")
    }
    fields["fingerprint"] = csl.fingerprint(built)
    reference = Reference.objects.create(**fields)
    reference.csl = {**built, "id": str(reference.pk)}
    reference.save(update_fields=["csl"])
    for order, name in enumerate(current.names.all()):
        ReferenceName.objects.create(
            reference=reference,
            sort_order=order,
            role=name.role,
            given=name.given,
            particle=name.particle,
            family=name.family,
            literal=name.literal,
        )
    cache[text] = reference.pk
    return reference.pk


def forwards(apps, schema_editor):
    LiteratureEntry = apps.get_model("articles", "LiteratureEntry")
    ArticleReference = apps.get_model("articles", "ArticleReference")
    Reference = apps.get_model("literature", "Reference")
    ReferenceName = apps.get_model("literature", "ReferenceName")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    cache = {}

    for entry in LiteratureEntry.objects.order_by("page_id", "sort_order", "pk"):
        reference_id = _reference_for(entry.text, Reference, ReferenceName, cache)
        if not ArticleReference.objects.filter(
            page_id=entry.page_id, reference_id=reference_id
        ).exists():
            ArticleReference.objects.create(
                page_id=entry.page_id, reference_id=reference_id, sort_order=entry.sort_order
            )

    content_type = ContentType.objects.filter(app_label="articles", model="articlepage").first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type_id=content_type.pk)
    for revision in revisions.iterator():
        content = revision.content or {}
        if "literature_entries" not in content:
            continue
        links, seen = [], set()
        for order, entry in enumerate(content.pop("literature_entries") or []):
            reference_id = _reference_for(entry.get("text", ""), Reference, ReferenceName, cache)
            if reference_id in seen:
                continue
            seen.add(reference_id)
            links.append(
                {"pk": None, "page": content.get("pk"), "sort_order": order,
                 "reference": reference_id}
            )
        content["literature_links"] = links
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_articlereference_reference"),
        ("literature", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
