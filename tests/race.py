"""Two callers of one state transition "at once".

:func:`race` loads the object twice (as two requests would) before either caller writes, then runs
the transition for both. On PostgreSQL the two callers are threads, each with its own database
connection, released together by a barrier: the real race of two HR users clicking at once (the
test needs ``django_db(transaction=True)`` so that both connections see the committed rows). On
SQLite, which serialises writers anyway, the callers run one after the other with their stale
objects: the same semantic a conditional ``UPDATE … WHERE status = expected`` has to handle (the
in-memory check passes for both; the row count lets one through).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _call(act: Callable[[Any], Any], obj: Any) -> Outcome:
    try:
        return Outcome(value=act(obj))
    except Exception as exc:  # the outcome is inspected by the test
        return Outcome(error=exc)


def race(load: Callable[[], Any], act: Callable[[Any], Any]) -> list[Outcome]:
    """``load()`` reads the object as a request would; ``act(obj)`` performs the transition."""
    if connection.vendor != "postgresql":
        objects = [load(), load()]
        return [_call(act, obj) for obj in objects]
    barrier = threading.Barrier(2, timeout=30)
    outcomes: list[Outcome | None] = [None, None]

    def run(i: int) -> None:
        try:
            obj = load()
            barrier.wait()
            outcomes[i] = _call(act, obj)
        except Exception as exc:
            outcomes[i] = Outcome(error=exc)
        finally:
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(o is not None for o in outcomes), "a racer did not finish"
    return outcomes  # type: ignore[return-value]


def restore_reference_data() -> None:
    """The rows data migrations and ``post_migrate`` create (role groups, BerAKHLAK values, the
    predikat matrix, the competency dictionary); a transactional test's flush removes them."""
    from importlib import import_module

    from django.apps import apps

    from competencies.models import Competency
    from pamong.people.roles import ensure_role_groups
    from performance.models import BerakhlakValue, PredikatMatrixCell

    if not Competency.objects.exists():
        import_module("competencies.migrations.0002_permenpanrb_38_2017").load(apps, None)
    if not PredikatMatrixCell.objects.exists() or not BerakhlakValue.objects.exists():
        import_module("performance.migrations.0002_regulatory_data").load(apps, None)
    ensure_role_groups()


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run ``calls`` in threads released together by a barrier; each thread closes its own database
    connection. An exception is returned in its call's place (the test inspects it)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[i] = calls[i]()
        except Exception as error:  # reported, not swallowed: the assertions name it
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"
    return results
