"""``pamong.bulk.insert_select``: one INSERT … SELECT that writes what Django would write."""

import pytest

from pamong.bulk import insert_select
from pamong.people.models import ASN
from performance.models import Plan
from tests.factories.people import ASNFactory
from tests.factories.performance import PeriodFactory

pytestmark = pytest.mark.django_db


def _plans_for_everyone(period) -> int:
    return insert_select(
        Plan,
        columns={"asn": "a.id", "atasan": "a.atasan_id"},
        constants={"period": period.pk},
        source=f"FROM {ASN._meta.db_table} a WHERE a.is_active = %s",
        params=[True],
    )


def test_unnamed_columns_get_the_model_defaults_and_a_second_run_adds_nothing():
    boss = ASNFactory()
    staff = ASNFactory(atasan=boss)
    ASNFactory(is_active=False)
    period = PeriodFactory()
    assert _plans_for_everyone(period) == 2
    plan = Plan.objects.get(asn=staff, period=period)
    assert plan.atasan_id == boss.pk
    assert plan.status == Plan.Status.DRAFT  # the field's default
    assert plan.created_at is not None  # auto_now_add
    assert plan.agreed_at is None and plan.agreed_by_id is None  # nullable: left NULL
    assert _plans_for_everyone(period) == 0  # the unique (asn, period) holds: nothing added
    assert Plan.objects.filter(period=period).count() == 2


def test_unknown_fields_and_required_fields_without_a_value_are_named():
    period = PeriodFactory()
    with pytest.raises(ValueError, match="no field colour"):
        insert_select(Plan, columns={"colour": "1"}, source="FROM people_asn a", constants={})
    with pytest.raises(ValueError, match=r"Plan\.asn needs a value"):
        insert_select(Plan, columns={}, constants={"period": period.pk}, source="FROM people_asn a")
