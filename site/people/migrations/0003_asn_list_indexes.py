"""Indexes for the ASN list (/pegawai/): its order by name, province-wide and within one instansi,
and on PostgreSQL a trigram index for the name search (``name__icontains`` is ``UPPER(name) LIKE
UPPER('%…%')``, which no b-tree serves). ``pg_trgm`` is a trusted extension: the database owner
may create it. SQLite has no such index; its test databases are small."""

from django.conf import settings
from django.db import migrations, models

TRGM_INDEX = "asn_name_upper_trgm"


def trigram_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON people_asn USING gin (UPPER(name) gin_trgm_ops)"
    )


def trigram_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_activation_codes_and_account_audit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="asn",
            index=models.Index(fields=["name", "id"], name="asn_name_order"),
        ),
        migrations.AddIndex(
            model_name="asn",
            index=models.Index(fields=["instansi", "name", "id"], name="asn_instansi_name_order"),
        ),
        migrations.RunPython(trigram_index_create, trigram_index_drop, elidable=False),
    ]
