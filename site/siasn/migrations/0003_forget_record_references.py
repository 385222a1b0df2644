"""People, units, position standards, public feedback and the SIASN rows are records, not content:
Wagtail no longer indexes their references (``wagtail_reference_index_ignore``, see
``pamong.people.models.ASN``). The rows it wrote for them before are removed, so no admin "usage"
count reads a stale entry."""

from django.db import migrations

RECORDS = [
    ("people", "asn"),
    ("people", "jabatan"),
    ("people", "unitkerja"),
    ("competencies", "positionstandard"),
    ("performance", "publicfeedback"),
    ("siasn", "unormapping"),
    ("siasn", "jabatanmapping"),
    ("siasn", "siasnpullrun"),
    ("siasn", "siasnoutbox"),
]


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    for app_label, model in RECORDS:
        kind = ContentType.objects.filter(app_label=app_label, model=model).first()
        if kind is not None:
            ReferenceIndex.objects.filter(content_type=kind).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("siasn", "0002_seed_reference_mappings"),
        ("wagtailcore", "0078_referenceindex"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0003_asn_list_indexes"),
        ("competencies", "__first__"),
        ("performance", "__first__"),
    ]
    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
