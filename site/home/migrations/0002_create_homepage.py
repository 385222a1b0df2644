from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    # Replace Wagtail's default welcome page with Pamong's home page.
    Page.objects.filter(id=2).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="id")
    homepage = HomePage.objects.create(
        title="Pamong",
        draft_title="Pamong",
        slug="beranda",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/beranda/",
        locale=locale,
        intro=(
            "Pamong adalah rumah kebijakan pengelolaan kinerja ASN Provinsi Jambi: "
            "penjelasan kebijakan, pelatihan daring, serta pengelolaan kompetensi dan kinerja."
        ),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": homepage, "site_name": "Pamong", "port": 80},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="beranda", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
