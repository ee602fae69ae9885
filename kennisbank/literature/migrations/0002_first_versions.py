"""Articles published before versions existed get version 1: their live revision."""

from django.db import migrations


def forwards(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ArticleVersion = apps.get_model("literature", "ArticleVersion")
    pages = ArticlePage.objects.filter(live=True, live_revision__isnull=False).select_related(
        "live_revision"
    )
    for page in pages:
        if ArticleVersion.objects.filter(page_id=page.pk).exists():
            continue
        ArticleVersion.objects.create(
            page_id=page.pk,
            number=1,
            revision_id=page.live_revision_id,
            published_at=page.first_published_at or page.live_revision.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("literature", "0001_initial"),
        ("articles", "0007_remove_literatureentry"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
