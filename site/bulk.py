"""Set-based writes: ``INSERT INTO <model's table> (…) SELECT … FROM …`` in one statement, on
PostgreSQL and SQLite alike.

For writes whose rows come from other rows (a plan for every active ASN, a result for every plan of
a period, a proposal for every result a rule matches): one statement instead of building a Python
object per row. The columns not named get what Django would write: the field's default, ``now`` for
``auto_now``/``auto_now_add``, ``""`` for a blank text field, NULL for a nullable one — so a field
added to the model later does not break the statement; a required field without any of these is an
error naming it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

AUTO_FIELDS = ("AutoField", "BigAutoField", "SmallAutoField")


def insert_select(
    model: type[Model],
    *,
    columns: Mapping[str, str],
    source: str,
    params: Sequence[Any] = (),
    constants: Mapping[str, Any] | None = None,
    ignore_conflicts: bool = True,
) -> int:
    """Insert the rows of ``SELECT <columns> <source>``; returns the number of rows inserted.

    ``columns``: field name → SQL expression over ``source`` (trusted SQL written by the caller,
    no user input); ``constants``: field name → Python value, sent as a parameter; ``source``: the
    ``FROM … WHERE …`` part, with ``%s`` placeholders for ``params``. ``ignore_conflicts`` skips rows
    a unique constraint already holds (idempotent seeding).
    """
    constants = dict(constants or {})
    known = {f.name for f in model._meta.concrete_fields} | {f.attname for f in model._meta.concrete_fields}
    unknown = sorted(set(columns) - known | set(constants) - known)
    if unknown:
        raise ValueError(f"{model.__name__} has no field {', '.join(unknown)}")
    now = timezone.now()
    names, exprs, head_params = [], [], []
    for field in model._meta.concrete_fields:
        key = next((k for k in (field.name, field.attname) if k in columns or k in constants), None)
        if key in columns:
            names.append(field.column)
            exprs.append(columns[key])
            continue
        if field.primary_key and field.get_internal_type() in AUTO_FIELDS:
            continue
        if key in constants:
            value = constants[key]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            continue
        elif field.blank and field.empty_strings_allowed:
            value = ""
        else:
            raise ValueError(f"{model.__name__}.{field.name} needs a value: it has no default")
        names.append(field.column)
        exprs.append("%s")
        head_params.append(field.get_db_prep_save(value, connection))
    qn = connection.ops.quote_name
    select = f"SELECT {', '.join(exprs)} {source}"
    if ignore_conflicts and connection.vendor == "sqlite":
        # SQLite reads "ON CONFLICT" after a SELECT without WHERE as part of a join: wrap it
        select = f"SELECT * FROM ({select}) WHERE 1"
    sql = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(n) for n in names)}) {select}"
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    with connection.cursor() as cur:
        cur.execute(sql, [*head_params, *params])
        return cur.rowcount
