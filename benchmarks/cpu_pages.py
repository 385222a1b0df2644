"""``python -m benchmarks.cpu_pages KEY [KEY …]``: where a page's CPU goes, in-process, against ``pamong_bench``.

A developer's loop between two ``make bench`` runs (it judges nothing: only ``make bench`` under load
does). For each key of :data:`benchmarks.pages.PAGES`: warm requests through Django's test client
with production settings, then CPU milliseconds per request (this process's CPU time, which a busy
box inflates less than the wall clock), SQL queries per request, own CPU time by package, and the
project functions with the most cumulative CPU. ``N=60`` sets the number of requests,
``CUM=pattern,pattern`` adds the cumulative time of functions whose file:name contains a pattern.

Needs a seeded ``pamong_bench`` (``make bench`` once) and ``staticfiles/`` (``manage.py
collectstatic``, which ``make bench`` runs).
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict


def _setup() -> None:
    from .environment import bench_env

    os.environ.update(bench_env())
    import django

    django.setup()


def _group(filename: str) -> str:
    for marker in ("/site-packages/", "/lib/python3"):
        if marker in filename:
            rest = filename.split(marker, 1)[1].lstrip("/")
            return rest.split("/", 1)[0] if marker == "/site-packages/" else "stdlib"
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins"
    return "project"


def measure(key: str, *, n: int, cum: list[str]) -> None:
    from django.db import connection

    from .inprocess import client_for
    from .pages import PAGES, resolve

    page = next(p for p in PAGES if p.key == key)
    path = resolve(page)
    client = client_for(page.who)
    for _ in range(3):
        status = client.get(path).status_code
    # Counted by a wrapper: Django empties connection.queries when a request starts, so
    # CaptureQueriesContext around a test-client request sees none.
    captured: list[dict] = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append({"sql": sql, "time": f"{time.perf_counter() - started:.4f}"})

    with connection.execute_wrapper(record):
        client.get(path)
    c0 = time.process_time()
    for _ in range(n):
        client.get(path)
    plain_ms = (time.process_time() - c0) * 1000 / n
    prof = cProfile.Profile(time.process_time)
    c0 = time.process_time()
    prof.enable()
    for _ in range(n):
        client.get(path)
    prof.disable()
    cpu_ms = (time.process_time() - c0) * 1000 / n
    stats = pstats.Stats(prof)
    own: dict[str, float] = defaultdict(float)
    project = []
    extra: dict[str, float] = defaultdict(float)
    for (filename, line, func), (_cc, _nc, tt, ct, _callers) in stats.stats.items():
        own[_group(filename)] += tt
        where = f"{filename}:{line}({func})"
        if _group(filename) == "project":
            project.append((ct, where))
        for pattern in cum:
            if pattern in where:
                extra[pattern] = max(extra[pattern], ct)
    print(
        f"\n== {key} {path} as {page.who}: status {status}, {plain_ms:.1f} ms CPU/request "
        f"({cpu_ms:.1f} profiled), {len(captured)} queries"
    )
    total = sum(own.values()) or 1
    print(
        "   own CPU by package: "
        + ", ".join(
            f"{g} {t * 1000 / n:.1f}"
            for g, t in sorted(own.items(), key=lambda kv: -kv[1])[:8]
            if t / total > 0.01
        )
    )
    for ct, where in sorted(project, reverse=True)[:18]:
        print(f"   {ct * 1000 / n:7.2f} ms  {where.split('/work/')[-1]}")
    for pattern, ct in extra.items():
        print(f"   CUM {pattern}: {ct * 1000 / n:.2f} ms")
    for q in captured:
        print(f"   SQL {q['time']}s {q['sql'][:160]}")


def main(argv: list[str]) -> None:
    _setup()
    n = int(os.environ.get("N", "30"))
    cum = [p for p in os.environ.get("CUM", "").split(",") if p]
    for key in argv:
        measure(key, n=n, cum=cum)


if __name__ == "__main__":
    main(sys.argv[1:])
