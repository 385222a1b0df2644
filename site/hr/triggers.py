"""Database triggers that mark a unit kerja's HR figures out of date (:class:`~pamong.hr.models.UnitChange`).

Every write that moves a figure of :mod:`pamong.hr.figures` — through a service, a conditional bulk
``UPDATE``, the set-based importer or the benchmark seeding in SQL — marks the units of the ASN it
touches, in the same transaction. A trigger cannot be forgotten by a new write path, which a call in
each service or a ``post_save`` receiver could (most of these writes are ``QuerySet.update()`` and
send no signal).

PostgreSQL: statement-level triggers with transition tables (one ``INSERT … ON CONFLICT`` per
statement, whatever the number of rows; an ``UPDATE`` only marks rows whose watched columns
changed). SQLite: row-level triggers. Changes that do not belong to a row of an ASN (chapters
published or unpublished) are marked by :mod:`pamong.hr.receivers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import connections

MARK_TABLE = "hr_unitchange"


@dataclass(frozen=True)
class Watch:
    """``model``'s rows move the figures of the units ``units`` selects from a row ``{r}``;
    ``columns``: an UPDATE of one of them (``()``: no UPDATE matters); ``events``: which of
    INSERT/UPDATE/DELETE matter."""

    model: str  # app_label.ModelName
    units: str  # SELECT of unit ids from the row {r}; table names as {app_label.ModelName}
    columns: tuple[str, ...]
    events: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")
    since: int = 2  # the hr migration that installs it (its table exists from then on)


ASN_UNIT = "SELECT a.unit_id AS unit_id FROM {people.ASN} a WHERE a.id = {r}.asn_id"

WATCHES: tuple[Watch, ...] = (
    Watch(
        "people.ASN",
        "SELECT {r}.unit_id AS unit_id",
        ("unit_id", "instansi_id", "jabatan_id", "is_active", "employment_type", "name", "user_id"),
    ),
    Watch(
        "people.Jabatan",
        "SELECT a.unit_id AS unit_id FROM {people.ASN} a WHERE a.jabatan_id = {r}.id",
        ("kind",),
        ("UPDATE",),
    ),
    Watch(
        "learning.Enrolment",
        ASN_UNIT,
        ("asn_id", "course_id", "enrolled_at", "completed_at", "jp_credited", "due_date"),
    ),
    Watch(
        "learning.PppkJpTarget",
        "SELECT u.id AS unit_id FROM {people.UnitKerja} u WHERE u.instansi_id = {r}.instansi_id",
        ("jp", "instansi_id"),
    ),
    Watch(
        "performance.Evaluation",
        "SELECT a.unit_id AS unit_id FROM {performance.Plan} p JOIN {people.ASN} a ON a.id = p.asn_id"
        " WHERE p.id = {r}.plan_id",
        ("plan_id", "status", "predikat"),
    ),
    Watch("performance.Plan", ASN_UNIT, ("asn_id", "period_id"), ("UPDATE", "DELETE")),
    Watch(
        "competencies.Activity",
        "SELECT a.unit_id AS unit_id FROM {competencies.Goal} g"
        " JOIN {competencies.DevelopmentPlan} dp ON dp.id = g.plan_id"
        " JOIN {people.ASN} a ON a.id = dp.asn_id WHERE g.id = {r}.goal_id",
        ("goal_id", "kind", "jp", "done_on"),
    ),
    Watch(
        "competencies.Goal",
        "SELECT a.unit_id AS unit_id FROM {competencies.DevelopmentPlan} dp"
        " JOIN {people.ASN} a ON a.id = dp.asn_id WHERE dp.id = {r}.plan_id",
        ("plan_id",),
        ("UPDATE",),
    ),
    Watch("competencies.DevelopmentPlan", ASN_UNIT, ("asn_id", "status"), ("UPDATE", "DELETE")),
    Watch("competencies.CurrentLevel", ASN_UNIT, ("asn_id", "competency_id", "level")),
    Watch("competencies.CompetencyFit", ASN_UNIT, ("asn_id", "jpm")),
    Watch(
        "competencies.PositionStandard",
        "SELECT a.unit_id AS unit_id FROM {people.ASN} a WHERE a.jabatan_id = {r}.jabatan_id",
        ("jabatan_id", "competency_id", "required_level"),
    ),
    Watch("hr.PotentialAssessment", ASN_UNIT, ("asn_id", "year", "level")),
    Watch(
        "hr.TalentSettings", "SELECT u.id AS unit_id FROM {people.UnitKerja} u", ("medium_from", "high_from")
    ),
    Watch(
        "socialization.PolicyAcknowledgement",
        "SELECT a.unit_id AS unit_id FROM {people.ASN} a WHERE a.user_id = {r}.user_id",
        ("user_id", "page_id", "acknowledged_at"),
    ),
    Watch(
        "socialization.PolicyPage",
        "SELECT u.id AS unit_id FROM {people.UnitKerja} u",
        ("ack_valid_from",),
        ("UPDATE",),
    ),
    # JP of attended sessions and verified outside learning (learning's JP credits).
    Watch("learning.JpCredit", ASN_UNIT, ("asn_id", "earned_on", "jp"), since=4),
)


def _name(watch: Watch, event: str) -> str:
    return f"hr_mark_{watch.model.replace('.', '_').lower()}_{event.lower()}"


def _units_sql(watch: Watch, table: Callable[[str], str], row: str) -> str:
    sql = watch.units.replace("{r}", row)
    for label in (
        "people.ASN",
        "people.UnitKerja",
        "performance.Plan",
        "competencies.Goal",
        "competencies.DevelopmentPlan",
    ):
        sql = sql.replace("{" + label + "}", table(label))
    return sql


def _postgres(watch: Watch, table: Callable[[str], str]) -> list[str]:
    own = table(watch.model)
    statements = []
    for event in watch.events:
        name = _name(watch, event)
        source = "new_rows" if event != "DELETE" else "old_rows"
        where = "WHERE x.unit_id IS NOT NULL"
        from_ = f"{source} r"
        if event == "UPDATE":
            pk = "id" if watch.model != "socialization.PolicyPage" else "page_ptr_id"
            changed = " OR ".join(f"n.{c} IS DISTINCT FROM o.{c}" for c in watch.columns)
            # A changed row marks the units of its old and its new values (an ASN moving between units).
            from_ = (
                f"(SELECT n.* FROM new_rows n JOIN old_rows o ON o.{pk} = n.{pk} WHERE {changed}"
                f" UNION ALL SELECT o.* FROM new_rows n JOIN old_rows o ON o.{pk} = n.{pk} WHERE {changed}) r"
            )
        referencing = {
            "INSERT": "REFERENCING NEW TABLE AS new_rows",
            "UPDATE": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
            "DELETE": "REFERENCING OLD TABLE AS old_rows",
        }[event]
        statements += [
            f"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO {MARK_TABLE} (unit_id, version)
              SELECT DISTINCT x.unit_id, 1 FROM {from_} CROSS JOIN LATERAL ({_units_sql(watch, table, "r")}) x
              {where} ORDER BY x.unit_id
              ON CONFLICT (unit_id) DO UPDATE SET version = {MARK_TABLE}.version + 1;
              RETURN NULL;
            END $$""",
            f"DROP TRIGGER IF EXISTS {name} ON {own}",
            f"CREATE TRIGGER {name} AFTER {event} ON {own} {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _sqlite(watch: Watch, table: Callable[[str], str]) -> list[str]:
    own = table(watch.model)
    statements = []
    for event in watch.events:
        name = _name(watch, event)
        rows = ["NEW"] if event == "INSERT" else ["OLD"] if event == "DELETE" else ["NEW", "OLD"]
        when = ""
        if event == "UPDATE":
            when = "WHEN " + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in watch.columns)
        body = " ".join(
            # Not "INSERT OR IGNORE": SQLite applies the outer statement's conflict policy to the
            # trigger's statements (an upsert would turn it into an error).
            f"INSERT INTO {MARK_TABLE} (unit_id, version) SELECT DISTINCT x.unit_id, 1 "
            f"FROM ({_units_sql(watch, table, row)}) x WHERE x.unit_id IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {MARK_TABLE} m WHERE m.unit_id = x.unit_id);"
            for row in rows
        )
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER {event} ON {own} FOR EACH ROW {when} BEGIN {body} END",
        ]
    return statements


def statements(vendor: str, table: Callable[[str], str], *, since: int = 2) -> list[str]:
    """SQL creating the triggers of :data:`WATCHES` that hr migration ``since`` installs
    (``table``: ``"app.Model"`` → table name)."""
    build = _postgres if vendor == "postgresql" else _sqlite
    return [s for watch in WATCHES if watch.since == since for s in build(watch, table)]


def drop_statements(vendor: str, table: Callable[[str], str], *, since: int = 2) -> list[str]:
    out = []
    for watch in (w for w in WATCHES if w.since == since):
        for event in watch.events:
            name = _name(watch, event)
            if vendor == "postgresql":
                out += [
                    f"DROP TRIGGER IF EXISTS {name} ON {table(watch.model)}",
                    f"DROP FUNCTION IF EXISTS {name}()",
                ]
            else:
                out.append(f"DROP TRIGGER IF EXISTS {name}")
    return out


def triggers_reinstall(sender=None, *, using="default", **kwargs) -> None:
    """Install every trigger of :data:`WATCHES` again after ``migrate`` (a ``post_migrate`` receiver).

    SQLite cannot alter most of a table in place: Django rebuilds the table (create, copy, drop,
    rename), and the triggers on the old table go with it. A later migration of any watched table
    (a new column, a changed field) would silently stop its figures from following. The statements
    are idempotent (``DROP … IF EXISTS``, then ``CREATE``), so PostgreSQL, which keeps its triggers,
    only has them replaced by the same ones. Tables that do not exist (a partial or backwards
    migration) are skipped."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if MARK_TABLE not in existing:
        return

    def table(label: str) -> str:
        return apps.get_model(label)._meta.db_table

    build = _postgres if connection.vendor == "postgresql" else _sqlite
    with connection.cursor() as cursor:
        for watch in WATCHES:
            if table(watch.model) not in existing:
                continue
            for sql in build(watch, table):
                cursor.execute(sql)
