"""``python -m benchmarks.run``: seed (or reuse) ``pamong_bench``, serve it with gunicorn, measure, report.

Options: ``--quick`` (3 s per page, 20 s scenario: to try the harness), ``--pages KEY,KEY``,
``--no-scenario``, ``--no-all-pages``, ``--all-pages-keys PREFIX,PREFIX``, ``--no-readme``,
``--workers N``, ``--worker-class sync|gthread``, ``--threads N``.

One module, longer than most: it is the benchmark's script, one run in order (seed, serve, measure,
report); the steps live in their own modules (database, history, server, wrk, scenario, report).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

from . import config
from .environment import bench_env


def _log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {msg}", flush=True)


def _args(argv):
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--pages", default="", help="comma-separated keys of benchmarks.pages.PAGES")
    p.add_argument("--no-scenario", action="store_true")
    p.add_argument(
        "--no-all-pages",
        action="store_true",
        help="skip the quick pass over every page of the permission matrix",
    )
    p.add_argument(
        "--all-pages-keys",
        default="",
        help="only the matrix keys starting with one of these comma-separated prefixes (e.g. hr:,people:)",
    )
    p.add_argument("--no-readme", action="store_true")
    p.add_argument(
        "--notification-sends",
        type=int,
        default=10_000,
        help="emails sent to the local SMTP sink after recording 90,000 notifications (0: none, -1: all)",
    )
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--worker-class", default=None)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument(
        "--nice",
        type=int,
        default=None,
        help="niceness of the processes started (default 0; e.g. -10 on a shared box)",
    )
    return p.parse_args(argv)


def _machine(cache: str) -> dict:
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0].split()[0]
    import django
    import gunicorn

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "cpu_model": model,
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "postgres": pg,
        "cache": cache,
    }


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=config.ROOT,
            timeout=10,
        ).stdout.strip()
    except OSError:
        return "?"


def seed_or_reuse(cfg: config.Config, log_path) -> dict:
    """Seed at Jambi scale unless the database already holds it (marker table and row counts)."""
    from django.core.management import get_commands

    from pamong.people.models import ASN

    from . import database, history

    steps = ",".join(sorted(c for c in get_commands() if c.startswith("seed_")))
    marker = history.marker_get()
    asn = ASN.objects.count()
    have_rows = history.data_sizes().get("lesson_progress_rows", 0)
    learning_ready = have_rows >= cfg.scale.min_progress_rows or not _live_courses()
    if marker.get("seed_steps") == steps and asn >= cfg.scale.asn and learning_ready:
        _log(
            f"Reusing {config.DB_NAME}: {asn:,} ASN, {have_rows:,} lesson-progress rows (seeded {marker.get('seeded_at')})."
        )
        return {
            "reused": True,
            "seeded_at": marker.get("seeded_at"),
            "seed_demo_s": float(marker.get("seed_demo_s", "nan")),
            "history_s": float(marker.get("history_s", "nan")),
            "first_seed_s": float(marker.get("first_seed_s", "nan")),
            "history": {},
        }
    _log(f"Seeding {config.DB_NAME} at {cfg.scale.asn:,} ASN (seed_demo --force) …")
    seed_s = database.seed_demo(asn=cfg.scale.asn, seed=cfg.scale.seed, log_path=log_path)
    _log(f"seed_demo took {seed_s:.1f} s; writing history (set-based) …")
    t0 = time.monotonic()
    result = history.history_build(min_progress_rows=cfg.scale.min_progress_rows)
    history_s = time.monotonic() - t0
    _log(f"History took {history_s:.1f} s: {result.counts} {result.notes}")
    seeded_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    history.marker_set(
        {
            "seeded_at": seeded_at,
            "seed_steps": steps,
            "asn": cfg.scale.asn,
            "seed_demo_s": f"{seed_s:.1f}",
            "history_s": f"{history_s:.1f}",
            "first_seed_s": f"{seed_s + history_s:.1f}",
        }
    )
    return {
        "reused": False,
        "seeded_at": seeded_at,
        "seed_demo_s": round(seed_s, 1),
        "history_s": round(history_s, 1),
        "first_seed_s": round(seed_s + history_s, 1),
        "history": {"counts": result.counts, "seconds": result.seconds, "notes": result.notes},
    }


def _live_courses() -> bool:
    try:
        from learning.models import CoursePage
    except ImportError:
        return False
    return CoursePage.objects.live().exists()


def _measure_page(cfg, server, page, row: dict, cookies: dict, duration: int, notes: list[str]) -> dict:
    from . import inprocess
    from .httpclient import login, request
    from .pages import LOGINS
    from .wrk import wrk_run

    path = row["path"]
    if page.who not in cookies:
        cookies[page.who] = login(server.base, username=LOGINS[page.who], password=config.DEMO_PASSWORD)
    jar = cookies[page.who]
    check = request(server.base + path, cookies=jar, timeout=120)
    row["http_status"] = check.status
    if check.status != 200:
        _log(f"{page.key}: HTTP {check.status} at {path}; not measured")
        return row | {"status": f"error: HTTP {check.status}"}
    alone = _alone_ms(server.base + path, jar)
    row["alone_ms"] = alone["p50_ms"]
    row |= inprocess.queries_per_request(path, who=page.who)
    row["queries"] = row.get("warm_queries")
    if alone["p50_ms"] > SLOW_MS:
        # One request alone takes seconds: 32 connections would queue minutes of work and
        # spill into the next measurement. Report the sequential latencies instead.
        notes.append(
            f"{page.key}: one request alone takes {alone['p50_ms'] / 1000:.1f} s; measured sequentially "
            f"({alone['n']} requests), not with wrk"
        )
        _log(f"{page.key}: too slow for wrk: {alone['p50_ms']:.0f} ms alone")
        return row | {
            "status": "measured",
            "sequential_only": True,
            "rps": None,
            "ratio": None,
            "p50_ms": alone["p50_ms"],
            "p95_ms": alone["max_ms"],
        }
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items()) or None
    common = {"cookie": cookie, "load": cfg.load, "server_pids": server.pids(), "nice": cfg.nice}
    wrk_run(server.base + path, duration_s=cfg.load.warmup_s, **common)
    row |= wrk_run(server.base + path, duration_s=duration, **common)
    row["status"] = "measured"
    row |= _cpu_cost(row["cpu_cores"], row["rps"])
    _drain(server)
    if row["errors"]:
        notes.append(
            f"{page.key}: {row['errors']} wrk errors ({row['non_2xx_3xx']} non-2xx/3xx, {row['timeouts']} timeouts)"
        )
    _log(
        f"{page.key}: {row['rps']:.0f} req/s, p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['queries']} queries"
    )
    return row


def measure_pages(
    cfg: config.Config, server, selected: list[str], notes: list[str], cookies: dict[str, dict[str, str]]
) -> list[dict]:
    from .pages import PAGES, resolve

    duration = 3 if cfg.quick else cfg.load.wrk_duration_s
    rows = []
    for page in PAGES:
        if selected and page.key not in selected and page.key != "healthz":
            continue
        row = {"key": page.key, "title": page.title, "who": page.who, "target": page.target}
        try:
            path = resolve(page)
        except Exception as exc:  # a resolver of an unfinished feature
            path = None
            notes.append(f"{page.key}: resolver failed: {exc!r}")
        if path is None:
            rows.append(row | {"status": NOT_BUILT})
            _log(f"{page.key}: {NOT_BUILT}")
            continue
        row["path"] = path
        try:
            rows.append(_measure_page(cfg, server, page, row, cookies, duration, notes))
        except Exception as exc:  # a timeout, a failed login, a broken page: say so, go on
            rows.append(row | {"status": f"error: {exc}"})
            _log(f"{page.key}: error {exc!r}")
            _drain(server)
    ratios_set(
        rows, next((r["rps"] for r in rows if r["key"] == "healthz" and r.get("status") == "measured"), None)
    )
    return rows


def ratios_set(rows: list[dict], ceiling: float | None) -> None:
    for r in rows:
        if r.get("status") == "measured" and ceiling and r.get("rps") is not None:
            r["ratio"] = round(r["rps"] / ceiling, 3)


def ceiling_end(cfg: config.Config, server, results: dict) -> dict:
    """The bare view again at the end of the run (it is not stable on a shared box): the higher of
    the two is the ceiling every ratio is computed against."""
    from .wrk import wrk_run

    start = next(
        (p for p in results["pages"] if p["key"] == "healthz" and p.get("status") == "measured"), None
    )
    duration = 3 if cfg.quick else cfg.load.wrk_duration_s
    common = {"cookie": None, "load": cfg.load, "server_pids": server.pids(), "nice": cfg.nice}
    url = server.base + "/healthz/"
    wrk_run(url, duration_s=cfg.load.warmup_s, **common)
    end = wrk_run(url, duration_s=duration, **common)
    start_rps = start["rps"] if start else None
    kept = max(start_rps or 0, end["rps"]) or None
    _log(f"Ceiling: {start_rps} req/s at the start, {end['rps']} at the end; kept {kept}")
    return {"start_rps": start_rps, "end_rps": end["rps"], "end": end, "rps": kept}


NOT_BUILT = "not yet built"


def _cpu_cost(cores: dict, rps: float) -> dict:
    """CPU the app and its database spent per request, and what two idle cores could serve at that cost.

    Other jobs on the box take their share of the cores; this figure does not depend on them (much).
    """
    if not rps or not cores:
        return {}
    ms = 1000 * (cores.get("app", 0) + cores.get("postgres", 0) + cores.get("redis", 0)) / rps
    n = os.cpu_count() or 1
    load_ms = 1000 * cores.get("load", 0) / rps
    return {
        "cpu_ms_per_request": round(ms, 2),
        "capacity_rps_on_idle_box": round(1000 * n / (ms + load_ms)) if ms else None,
    }


SLOW_MS = 3000


def _alone_ms(url: str, cookies: dict[str, str], n: int = 5, max_s: float = 30) -> dict:
    """Latency of a few requests sent one at a time (no concurrency): median and maximum."""
    from .httpclient import request

    times, t_end = [], time.monotonic() + max_s
    while len(times) < n and time.monotonic() < t_end:
        t0 = time.monotonic()
        request(url, cookies=cookies, timeout=max_s)
        times.append(1000 * (time.monotonic() - t0))
    times.sort()
    return {"p50_ms": round(times[len(times) // 2], 1), "max_ms": round(times[-1], 1), "n": len(times)}


def _drain(server, limit_s: float = 90) -> None:
    """Wait until requests queued by the last measurement are served (healthz fast again); bounded."""
    from .httpclient import request

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        t0 = time.monotonic()
        with contextlib.suppress(OSError):
            request(server.base + "/healthz/", timeout=limit_s)
        if time.monotonic() - t0 < 0.1:
            return
        time.sleep(0.5)


def bottlenecks(results: dict, cfg: config.Config) -> list[str]:
    """Profile (cProfile, in-process, same database) each page that missed a target, and the lesson
    page when the scenario missed; one plain sentence each."""
    from . import inprocess

    missed_pages = set()
    for row in results["targets"]:
        if row["met"] is False:
            for p in results["pages"]:
                if p["status"] == "measured" and row["target"].startswith(p["title"]):
                    missed_pages.add(p["key"])
            if row["target"].startswith("Training push"):
                missed_pages |= {"lesson", "learner_dashboard"}
    out, profiles = [], {}
    for p in results["pages"]:
        if p["key"] not in missed_pages or p["status"] != "measured":
            continue
        prof = inprocess.profile(p["path"], who=p["who"], requests=20 if cfg.quick else 60)
        profiles[p["key"]] = prof
        top = ", ".join(f"{r['function']} {r['own_ms']:.2f} ms" for r in prof["top_own_time"][:5])
        ours = ", ".join(
            f"{r['function']} {r['cumulative_ms']:.1f} ms" for r in prof["top_project_cumulative"][:3]
        )
        cores = p.get("cpu_cores", {})
        out.append(
            f"{p['title']} ({p['path']}): in-process {prof['in_process_ms_per_request']:.1f} ms per request "
            f"({prof['in_process_cpu_ms_per_request']:.1f} ms of Python CPU), SQL {prof['sql_ms_per_request']:.1f} ms "
            f"in {prof['queries']} queries; under load the app used "
            f"{cores.get('app', 0):.2f} cores, PostgreSQL {cores.get('postgres', 0):.2f}, wrk {cores.get('load', 0):.2f}. "
            f"Most own CPU: {top}. Heaviest project code (cumulative CPU): {ours or '–'}."
        )
    results["profiles"] = profiles
    return out


def main(argv=None) -> int:
    args = _args(sys.argv[1:] if argv is None else argv)
    cfg = config.Config(quick=args.quick)
    if args.workers:
        cfg.workers = args.workers
    if args.worker_class:
        cfg.worker_class = args.worker_class
    if args.threads:
        cfg.threads = args.threads
    if args.nice is not None:
        cfg.nice = args.nice
    config.WORK_DIR.mkdir(parents=True, exist_ok=True)
    log_path = config.WORK_DIR / "bench.log"
    os.environ.update(bench_env())
    if "REDIS_URL" not in bench_env():
        os.environ.pop("REDIS_URL", None)

    from . import database

    t_start = time.monotonic()
    created = database.database_ensure(_log)
    _log("Migrating …")
    migrate_s = database.migrate(log_path)
    _log("collectstatic …")  # before django.setup(): the manifest storage reads its manifest once
    collectstatic_s = database.collectstatic(log_path)

    import django

    django.setup()
    from django.utils import timezone

    from . import allpages, history, integrity, notifications, scenario
    from .report import readme_update, report_write, targets_check
    from .server import server_start, server_stop

    notes: list[str] = []
    results: dict = {
        "generated_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": _commit(),
        "machine": _machine("redis" if "REDIS_URL" in os.environ else "local memory (Redis did not answer)"),
        "load": vars(cfg.load) | ({"wrk_duration_s": 3, "locust_run_time_s": 20} if cfg.quick else {}),
        "scale": vars(cfg.scale),
        "database": {"name": config.DB_NAME, "created_in_this_run": created},
        "load_average_at_start": os.getloadavg(),
    }
    results["seeding"] = seed_or_reuse(cfg, log_path) | {
        "migrate_s": round(migrate_s, 1),
        "collectstatic_s": round(collectstatic_s, 1),
    }
    results["data_sizes"] = history.data_sizes()
    _log(f"Data: {results['data_sizes']}")
    server = None
    try:
        server = server_start(cfg=cfg, log_path=config.WORK_DIR / "gunicorn.log")
        results["server"] = {
            "nice": cfg.nice,
            "workers": server.workers,
            "worker_class": server.worker_class,
            "threads": server.threads,
            "bind": f"{config.HOST}:<free port>",
        }
        _log(f"gunicorn up on {server.base} ({server.workers} {server.worker_class} workers)")
        selected = [k for k in args.pages.split(",") if k]
        cookies: dict[str, dict[str, str]] = {"anonymous": {}}
        results["pages"] = measure_pages(cfg, server, selected, notes, cookies)
        if args.no_scenario:
            results["scenario"] = {"error": "skipped (--no-scenario)"}
        else:
            run_time = 20 if cfg.quick else cfg.load.locust_run_time_s
            plan = scenario.plan_build(users=cfg.load.locust_users)
            _log(
                f"Scenario plan: {len(plan['learners'])} learners, {len(plan['hr'])} HR logins, "
                f"{len(plan['feedback_forms'])} feedback forms; Locust for {run_time} s …"
            )
            if not plan["learners"]:
                notes.append(
                    "Scenario without learners: no enrolments with lessons (learning seed not built yet)."
                )
            scenario_started = timezone.now()
            sc = scenario.locust_run(
                base=server.base,
                plan=plan,
                load=cfg.load,
                server_pids=server.pids(),
                run_time_s=run_time,
                nice=cfg.nice,
            )
            sc["run_time_s"] = run_time
            sc["completions"] = integrity.completions_lost(since=scenario_started)
            if sc.get("total"):
                sc |= _cpu_cost(sc["cpu_cores"], sc["total"]["rps"])
            sc["plan"] = {
                "learners": len(plan["learners"]),
                "hr": len(plan["hr"]),
                "feedback_forms": len(plan["feedback_forms"]),
            }
            results["scenario"] = sc
            if sc.get("total"):
                t = sc["total"]
                _log(
                    f"Scenario: {t['rps']:.0f} req/s, p95 {t['p95_ms']:.0f} ms, failures {t['failures']}/{t['requests']}"
                )
            else:
                _log(f"Scenario: {sc.get('error')}")
        if args.no_all_pages:
            results["all_pages"] = {"error": "skipped (--no-all-pages)"}
        else:
            _log("Every page of the permission matrix, briefly …")
            prefixes = tuple(k for k in args.all_pages_keys.split(",") if k)
            results["all_pages"] = allpages.measure_all(server, cookies, _log, only=prefixes)
            _log(
                f"All pages: {len(results['all_pages']['pages'])} measured, "
                f"{len(results['all_pages']['over'])} over {allpages.OVER_MS:.0f} ms"
            )
        results["ceiling"] = ceiling_end(cfg, server, results)
        ratios_set(results["pages"], results["ceiling"]["rps"])
        total = (results.get("scenario") or {}).get("total")
        if total and results["ceiling"]["rps"]:
            total["ratio"] = round(total["rps"] / results["ceiling"]["rps"], 3)
    finally:
        server_stop(server)
        _log("gunicorn stopped")
    _log("Notifications: a chapter every ASN must confirm, recorded and sent to a local SMTP sink …")
    try:
        sends = None if args.notification_sends < 0 else args.notification_sends
        results["notifications"] = notifications.measure(send_limit=sends)
    except Exception:  # the page figures must not be lost with it
        results["notifications"] = {"error": traceback.format_exc(limit=3)}
    _log(f"Notifications: {results['notifications']}")
    results["targets"] = targets_check(results, cfg.targets)
    try:
        results["bottlenecks"] = bottlenecks(results, cfg)
    except Exception:  # a profile must not lose the measurements
        notes.append("profiling failed: " + traceback.format_exc(limit=3))
    results["notes"] = notes + results["seeding"].get("history", {}).get("notes", [])
    results["load_average_at_end"] = os.getloadavg()
    results["total_bench_s"] = round(time.monotonic() - t_start, 1)
    json_path, md_path = report_write(results)
    if not args.no_readme:
        readme_update(results)
    _log(f"Report: {md_path} and {json_path} ({results['total_bench_s']:.0f} s in all)")
    print(md_path.read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
