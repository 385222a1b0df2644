"""Mark a unit's HR figures out of date when a JP credit (an attended session, verified outside
learning) is written: the triggers of :data:`pamong.hr.triggers.WATCHES` with ``since=4``."""

from django.db import migrations

from pamong.hr import triggers


def _table(apps):
    return lambda label: apps.get_model(label)._meta.db_table


def install_triggers(apps, schema_editor):
    for sql in triggers.statements(schema_editor.connection.vendor, _table(apps), since=4):
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    for sql in triggers.drop_statements(schema_editor.connection.vendor, _table(apps), since=4):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("hr", "0003_jp_shortfalls"),
        ("learning", "0007_sessions_and_outside_learning"),
    ]

    operations = [
        migrations.RunPython(install_triggers, drop_triggers),
        # Units whose JP credits were written before the triggers existed are recomputed on read.
        migrations.RunSQL(
            "INSERT INTO hr_unitchange (unit_id, version) SELECT id, 1 FROM people_unitkerja "
            "WHERE id NOT IN (SELECT unit_id FROM hr_unitchange)",
            migrations.RunSQL.noop,
        ),
    ]
