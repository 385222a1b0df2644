"""Statements get ``stored`` (when Pamong recorded them), which the xAPI ``since`` filter uses.

Rows recorded before this migration take their ``timestamp``: it was the time they were written.
"""

import django.utils.timezone
from django.db import migrations, models


def stored_from_timestamp(apps, schema_editor):
    Statement = apps.get_model("learning", "Statement")
    Statement.objects.update(stored=models.F("timestamp"))


class Migration(migrations.Migration):
    dependencies = [("learning", "0007_sessions_and_outside_learning")]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="stored",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.RunPython(stored_from_timestamp, migrations.RunPython.noop),
    ]
