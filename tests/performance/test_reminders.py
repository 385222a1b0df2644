import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from performance.models import Plan, RaterAssignment, RaterGroup
from performance.selectors import reminder_messages
from tests.factories.performance import PeriodFactory, PlanFactory, add_indicator

pytestmark = pytest.mark.django_db


def test_reminders_grouped_per_person(world):
    period = PeriodFactory(year=2026)
    draft = PlanFactory(asn=world.staff_a, period=period, status=Plan.Status.DRAFT)
    agreed = PlanFactory(asn=world.staff_a2, period=period)
    add_indicator(agreed, target="10")
    RaterAssignment.objects.create(plan=agreed, rater=world.staff_a, group=RaterGroup.PEER)
    checkin = period.checkins.get(number=1)
    msgs = reminder_messages(today=checkin.due_on - dt.timedelta(days=3))
    assert any("SKP bawahan menunggu persetujuan" in m for m in msgs[world.atasan_a.user_id])
    assert any("indikator belum diisi" in m for m in msgs[world.staff_a2.user_id])
    assert any("360" in m for m in msgs[world.staff_a.user_id])
    assert any("Susun SKP" in m for m in msgs[world.staff_b.user_id])
    assert world.staff_a.user_id not in [
        u for u, lines in msgs.items() if any("Susun SKP" in x for x in lines)
    ]
    del draft


def test_command_sends_one_mail_each(
    world, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """The command records one notification per person; the worker sends one mail each, once."""
    period = PeriodFactory(year=2026)
    PlanFactory(asn=world.staff_a, period=period, status=Plan.Status.DRAFT)
    with django_capture_on_commit_callbacks() as enqueue, django_assert_max_num_queries(14):
        call_command("send_performance_reminders")
    # one delivery task and one bell refresh for everyone, whatever the number of people
    deliveries = [f for f in enqueue if "_enqueue_delivery" in f.__qualname__]
    assert len(deliveries) == 1 and len(enqueue) == 2
    with django_assert_max_num_queries(14):  # the worker: a batch in a constant number of queries
        deliveries[0]()
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) > 0
    assert world.atasan_a.user.email in recipients


def test_command_twice_a_day_notifies_once(world, django_capture_on_commit_callbacks):
    period = PeriodFactory(year=2026)
    PlanFactory(asn=world.staff_a, period=period, status=Plan.Status.DRAFT)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_performance_reminders")
        recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) > 0
    atasan_mail = next(m for m in mail.outbox if m.to == [world.atasan_a.user.email])
    assert "SKP bawahan menunggu persetujuan" in atasan_mail.body
    assert "http://testserver/kinerja/" in atasan_mail.body
