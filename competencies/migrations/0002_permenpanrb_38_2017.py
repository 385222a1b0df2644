"""Load the PermenPANRB 38/2017 dictionary: eight managerial competencies and Perekat Bangsa."""

from django.db import migrations

# A frozen copy of the data lives in competencies.dictionary; the migration reads it once.
from competencies.dictionary import PERMENPANRB_38_2017


def load(apps, schema_editor):
    Competency = apps.get_model("competencies", "Competency")
    CompetencyLevel = apps.get_model("competencies", "CompetencyLevel")
    for order, (code, name, kind, definition, levels) in enumerate(PERMENPANRB_38_2017, start=1):
        competency, _created = Competency.objects.update_or_create(
            code=code, defaults={"name": name, "kind": kind, "definition": definition, "sort_order": order}
        )
        for level, (description, indicators) in enumerate(levels, start=1):
            CompetencyLevel.objects.update_or_create(
                competency=competency,
                level=level,
                defaults={"description": description, "indicators": "\n".join(indicators)},
            )


def unload(apps, schema_editor):
    Competency = apps.get_model("competencies", "Competency")
    Competency.objects.filter(code__in=[row[0] for row in PERMENPANRB_38_2017]).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
