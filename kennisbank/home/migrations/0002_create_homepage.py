from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder welcome page with the site's home page."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    homepage = HomePage.objects.create(
        title="Kennisbank",
        draft_title="Kennisbank",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{root.numchild + 1:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        intro="Kennis over de ontwikkeling, het leren en de begeleiding van kinderen en jongeren, "
        "geschreven door deskundigen voor iedereen die met hen werkt.",
        locale_id=root.locale_id,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": homepage, "site_name": "Kennisbank"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
