"""Measurements made inside this process with Django's test client, against the same database:
SQL queries per request, and a profile of a page that misses its target."""

from __future__ import annotations

import cProfile
import io
import pstats
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import config
from .pages import LOGINS


def client_for(who: str) -> Client:
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client.force_login(get_user_model().objects.get(username=LOGINS[who]))
    return client


def queries_per_request(path: str, *, who: str) -> dict:
    """Queries of the first (cold) and of a repeated (warm) request; the warm one is reported."""
    client = client_for(who)
    out = {}
    for label in ("cold", "warm"):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        out[f"{label}_queries"] = len(ctx.captured_queries)
        out["status"] = response.status_code
    return out


def profile(path: str, *, who: str, requests: int = 60, max_s: float = 20, top: int = 18) -> dict:
    """cProfile of up to ``requests`` warm requests (at most ``max_s`` seconds): the functions with
    the most cumulative and own time."""
    client = client_for(who)
    client.get(path)
    # CPU time of this process, not wall time: on a shared box the wall clock mostly measures
    # waiting for a core; SQL time is measured separately below.
    prof = cProfile.Profile(time.process_time)
    t0, c0 = time.perf_counter(), time.process_time()
    done = 0
    prof.enable()
    while done < requests and (done < 1 or time.perf_counter() - t0 < max_s):
        client.get(path)
        done += 1
    prof.disable()
    requests = done
    per_request_ms = (time.perf_counter() - t0) * 1000 / requests
    cpu_ms = (time.process_time() - c0) * 1000 / requests
    stats = pstats.Stats(prof)
    rows = []
    for (filename, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append(
            {
                "function": f"{_short(filename)}:{line}({func})",
                "calls": nc // requests,
                "own_ms": tt * 1000 / requests,
                "cumulative_ms": ct * 1000 / requests,
            }
        )
    by_own = sorted(rows, key=lambda r: -r["own_ms"])[:top]
    ours = sorted(
        (
            r
            for r in rows
            if any(
                p in r["function"] for p in ("pamong/", "learning/", "performance/", "competencies/", "site/")
            )
            and "benchmarks/" not in r["function"]
        ),
        key=lambda r: -r["cumulative_ms"],
    )[:top]
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(25)
    with CaptureQueriesContext(connection) as ctx:
        client.get(path)
    sql_ms = sum(float(q.get("time") or 0) for q in ctx.captured_queries) * 1000
    return {
        "path": path,
        "who": who,
        "in_process_ms_per_request": round(per_request_ms, 2),
        "in_process_cpu_ms_per_request": round(cpu_ms, 2),
        "sql_ms_per_request": round(sql_ms, 2),
        "queries": len(ctx.captured_queries),
        "slowest_queries": sorted(
            (
                {"ms": round(float(q.get("time") or 0) * 1000, 2), "sql": q["sql"][:300]}
                for q in ctx.captured_queries
            ),
            key=lambda q: -q["ms"],
        )[:5],
        "top_own_time": [_round(r) for r in by_own],
        "top_project_cumulative": [_round(r) for r in ours],
        "pstats_text": text.getvalue()[-6000:],
    }


def _round(row: dict) -> dict:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(config.ROOT) + "/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename
