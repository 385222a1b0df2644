"""Targets, and the report: ``benchmarks/results/latest.json`` + ``latest.md`` (and a dated copy of
each), and the "Benchmarks" section at the end of ``README.md`` (between two markers, nothing else
of the README is touched)."""

from __future__ import annotations

import json
from pathlib import Path

from . import config

README_START = "<!-- benchmarks:start (written by `make bench`; edit benchmarks/report.py instead) -->"
README_END = "<!-- benchmarks:end -->"
NOT_BUILT = "not yet built"


# --- targets -----------------------------------------------------------------------------------


def targets_check(results: dict, targets: config.Targets) -> list[dict]:
    """One row per target: what was asked, what was measured, met (True/False) or None (not measured)."""
    rows: list[dict] = []
    pages = results.get("pages", [])

    def page_rows(kind: str):
        return [p for p in pages if p.get("target") == kind]

    for p in page_rows("anonymous_cached"):
        rows.append(_ratio_row(p, targets.anonymous_cached_ratio))
    for p in page_rows("learner_lesson"):
        rows.append(_ratio_row(p, targets.learner_lesson_ratio))
    for p in page_rows("hr_p95"):
        name = f"{p['title']} as {_login(p['who'])}: p95 ≤ {targets.hr_p95_ms:.0f} ms"
        if p["status"] != "measured":
            rows.append(
                {
                    "target": name,
                    "measured": p["status"],
                    "met": False if p["status"].startswith("error") else None,
                }
            )
        else:
            rows.append(
                {"target": name, "measured": f"{p['p95_ms']:.0f} ms", "met": p["p95_ms"] <= targets.hr_p95_ms}
            )
    sc = results.get("scenario") or {}
    total = sc.get("total")
    if total:
        share = f" ({total['ratio']:.0%} of the ceiling)" if total.get("ratio") is not None else ""
        rows.append(
            {
                "target": f"Training push: ≥ {targets.scenario_rps:.0f} requests/s",
                "measured": f"{total['rps']:.0f} requests/s{share}",
                "met": total["rps"] >= targets.scenario_rps,
            }
        )
        rows.append(
            {
                "target": f"Training push: p95 ≤ {targets.scenario_p95_ms:.0f} ms",
                "measured": f"{total['p95_ms']:.0f} ms",
                "met": total["p95_ms"] <= targets.scenario_p95_ms,
            }
        )
        rows.append(
            {
                "target": "Training push: no failures",
                "measured": f"{total['failures']} of {total['requests']} ({100 * total['failure_ratio']:.2f} %)",
                "met": total["failures"] == 0,
            }
        )
        done = sc.get("completions") or {}
        rows.append(
            {
                "target": "Training push: no lost completions (passed quiz attempts without their lesson completion)",
                "measured": (
                    f"{done['lost']} of {done['passed_attempts']} passed attempts"
                    if "lost" in done
                    else done.get("error", "not counted")
                ),
                "met": done["lost"] <= targets.scenario_lost_completions if "lost" in done else None,
            }
        )
    else:
        rows.append({"target": "Training push", "measured": sc.get("error", "not run"), "met": None})
    seeding = results.get("seeding", {})
    seconds = seeding.get("first_seed_s")
    rows.append(
        {
            "target": f"Seeding at Jambi scale < {targets.seeding_s / 60:.0f} min",
            "measured": f"{seconds:.0f} s" if seconds is not None else "unknown",
            "met": (seconds < targets.seeding_s) if seconds is not None else None,
        }
    )
    return rows


def _login(who: str) -> str:
    from .pages import LOGINS

    return LOGINS.get(who, who)


def _ratio_row(p: dict, ratio: float) -> dict:
    name = f"{p['title']}: ≥ {ratio:.0%} of the bare-Django ceiling"
    if p["status"] != "measured":
        return {
            "target": name,
            "measured": p["status"],
            "met": False if p["status"].startswith("error") else None,
        }
    if p.get("ratio") is None:
        return {"target": name, "measured": f"one request alone takes {p['p50_ms']:.0f} ms", "met": False}
    return {"target": name, "measured": f"{p['ratio']:.0%}", "met": p["ratio"] >= ratio}


# --- Markdown ----------------------------------------------------------------------------------


def _fmt(value, spec: str = ".0f") -> str:
    return "–" if value is None else format(value, spec)


def _cores(c: dict | None) -> str:
    if not c:
        return "–"
    return " / ".join(f"{c.get(k, 0):.2f}" for k in ("app", "postgres", "load", "other"))


def _contention(results: dict) -> list[str]:
    """When other jobs share the box, say how much, and what the CPU cost per request implies."""
    measured = [p for p in results["pages"] if p.get("cpu_cores") and p.get("capacity_rps_on_idle_box")]
    if not measured:
        return []
    other = sum(p["cpu_cores"].get("other", 0) for p in measured) / len(measured)
    cores = results["machine"]["cores"]
    if other < 0.25 * cores:
        return []
    est = ", ".join(f"{p['title']} ~{p['capacity_rps_on_idle_box']:,}/s" for p in measured)
    return [
        "",
        f"Other jobs on this box used on average {other:.2f} of its {cores} cores during the page measurements, "
        "so requests/s and latencies above are far below what the box gives Pamong alone. An estimate from the "
        f"CPU each request cost the app, its database and wrk, if Pamong had the {cores} cores to itself: {est}. "
        "The targets below are judged on the measured figures only.",
    ]


def markdown(results: dict) -> str:
    m, srv, load = results["machine"], results["server"], results["load"]
    lines = [
        f"Run {results['generated_at']} (commit `{results.get('commit', '?')}`) on {m['cores']} cores, "
        f"{m['memory_gib']:.0f} GiB ({m.get('cpu_model', '?')}); app, PostgreSQL {m.get('postgres', '?')}, "
        f"cache ({m.get('cache', '?')}) and load generator on the same box. Gunicorn: {srv['workers']} "
        f"{srv['worker_class']} workers × {srv['threads']} thread(s), production settings. "
        f"wrk: {load['wrk_threads']} threads, {load['wrk_connections']} connections, {load['wrk_duration_s']} s per page. "
        f"Load average at start {_fmt((results.get('load_average_at_start') or [None])[0], '.1f')} "
        '("other" CPU below is every other process on the box).',
        "",
        "| Page | As | Requests/s | p50 ms | p95 ms | × ceiling | SQL queries / request | CPU ms / request (app + db) | CPU cores: app / db / wrk / other |",
        "|---|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for p in results["pages"]:
        if p["status"] == "measured":
            if p.get("sequential_only"):
                lines.append(
                    f"| {p['title']} | {p['who']} | too slow for wrk: one at a time | {p['p50_ms']:.0f} | "
                    f"{p['p95_ms']:.0f} (max) | – | {_fmt(p.get('queries'), 'd')} | – | – |"
                )
                continue
            lines.append(
                f"| {p['title']} | {p['who']} | {p['rps']:.0f} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | "
                f"{p['ratio']:.0%} | {_fmt(p.get('queries'), 'd')} | {_fmt(p.get('cpu_ms_per_request'), '.1f')} | "
                f"{_cores(p.get('cpu_cores'))} |"
            )
        else:
            lines.append(f"| {p['title']} | {p['who']} | {p['status']} | | | | | | |")
    ceiling = results.get("ceiling") or {}
    if ceiling.get("rps"):
        lines += [
            "",
            f"Ceiling (bare view `/healthz/`): {_fmt(ceiling.get('start_rps'))} requests/s at the start of the run, "
            f"{_fmt(ceiling.get('end_rps'))} at the end; the higher, {ceiling['rps']:.0f}, is the ceiling of every ratio.",
        ]
    lines += _contention(results)
    sc = results.get("scenario") or {}
    lines += [
        "",
        "**Training push** (Locust, headless: "
        f"{load['locust_users']} users, spawn rate {load['locust_spawn_rate']}/s, {sc.get('run_time_s', load['locust_run_time_s'])} s, "
        f"each user one task per {load['locust_pacing_s']:g} s; learners open and complete lessons and take "
        "quizzes, HR opens profiles and dashboards, the public sends feedback):",
        "",
    ]
    if sc.get("total"):
        t = sc["total"]
        lines += [
            "| Requests | Requests/s | p50 ms | p95 ms | p99 ms | Failures |",
            "|--:|--:|--:|--:|--:|--:|",
            f"| {t['requests']} | {t['rps']:.0f} | {t['p50_ms']:.0f} | {t['p95_ms']:.0f} | {t['p99_ms']:.0f} | "
            f"{t['failures']} ({100 * t['failure_ratio']:.2f} %) |",
            "",
        ]
        lines += [
            "| Request | Count | Requests/s | p50 ms | p95 ms | Failures |",
            "|---|--:|--:|--:|--:|--:|",
        ]
        for name, r in sorted(sc["by_request"].items(), key=lambda kv: -kv[1]["requests"]):
            lines.append(
                f"| {name} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['failures']} |"
            )
    else:
        lines.append(f"Not run: {sc.get('error', 'skipped')}.")
    done = sc.get("completions") or {}
    if "lost" in done:
        lines += [
            "",
            f"Completions after the run: {done['passed_attempts']} quiz attempts passed and "
            f"{done['lesson_completions_written']} lesson completions written during it; "
            f"{done['lost']} passed attempts without their lesson completion (lost).",
        ]
    lines += _all_pages(results.get("all_pages"))
    lines += _notifications(results.get("notifications"))
    lines += ["", "**Targets** (issue 14):", "", "| Target | Measured | Met |", "|---|---|---|"]
    for row in results.get("targets", []):
        met = {True: "yes", False: "**MISSED**", None: "not measured"}[row["met"]]
        lines.append(f"| {row['target']} | {row['measured']} | {met} |")
    s = results.get("seeding", {})
    lines += [
        "",
        "**Data** ("
        + ("reused database, seeded " + s.get("seeded_at", "?") if s.get("reused") else "seeded in this run")
        + f"; first seeding took {_fmt(s.get('first_seed_s'))} s: seed_demo {_fmt(s.get('seed_demo_s'))} s, "
        f"history {_fmt(s.get('history_s'))} s): "
        + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in results.get("data_sizes", {}).items())
        + ".",
    ]
    if results.get("bottlenecks"):
        lines += ["", "**Bottlenecks** (profiled):", ""]
        lines += [f"- {b}" for b in results["bottlenecks"]]
    if results.get("notes"):
        lines += ["", "Notes:", ""] + [f"- {n}" for n in results["notes"]]
    return "\n".join(lines) + "\n"


def _notifications(n: dict | None) -> list[str]:
    """Issue 16: a chapter every ASN must confirm, recorded by the worker and mailed to a local sink."""
    if not n:
        return []
    if n.get("error"):
        return ["", f"**Notifications**: not measured ({n['error'].strip().splitlines()[-1]})."]
    lines = [
        "",
        f"**Notifications** (a chapter every ASN must confirm; audience {n['audience_size']:,}):",
        "",
        "| Step | Result |",
        "|---|---|",
        f"| Publishing request: enqueue one task | {n['enqueue_s'] * 1000:.0f} ms |",
        f"| Worker: record {n['recorded']:,} notifications (one INSERT … SELECT) | {n['record_s']:.1f} s |",
        f"| The same event again (idempotency) | {n['record_again_s']:.1f} s, {n['recorded_again']} new |",
    ]
    if "send_s" in n:
        sent = sum(v for v in n["send_outcome"].values())
        outcome = ", ".join(f"{count:,} {state}" for state, count in n["send_outcome"].items())
        lines.append(
            f"| Worker: send {sent:,} emails to a local SMTP sink (aiosmtpd) | {n['send_s']:.1f} s "
            f"({n['sent_per_s']} per s; {outcome}) |"
        )
        if n["sent_per_s"] and n["audience_size"] > sent:
            lines.append(
                f"| All {n['audience_size']:,} at that rate, one worker (estimate, not measured) | "
                f"{n['audience_size'] / n['sent_per_s'] / 60:.0f} min |"
            )
    return lines


def _all_pages(ap: dict | None) -> list[str]:
    """Every page of the permission matrix: p95 per page and role, those over the limit first."""
    if not ap:
        return []
    if ap.get("error"):
        return ["", f"**Every page**: not measured ({ap['error']})."]
    over = ap.get("over", [])
    limit = ap.get("over_ms", 300)
    lines = [
        "",
        f"**Every page** of the permission matrix that renders HTML, for a role allowed to open it "
        f"({sum(1 for r in ap['pages'] if r.get('p95_ms') is not None)} measured; {ap['method']}): "
        + (
            f"{len(over)} over {limit:.0f} ms: "
            + ", ".join(f"`{o['key']}` as {o['role']} ({o['p95_ms']:.0f} ms)" for o in over)
            + "."
            if over
            else f"none over {limit:.0f} ms."
        ),
        "",
        "| Page (matrix key) | As | Path | p50 ms | p95 ms | Requests/s |",
        "|---|---|---|--:|--:|--:|",
    ]
    for r in sorted(ap["pages"], key=lambda r: -(r.get("p95_ms") or 0)):
        if r.get("p95_ms") is None:
            lines.append(f"| `{r['key']}` | {r['role']} | `{r['path']}` | {r.get('status', '?')} | | |")
            continue
        p95 = f"{r['p95_ms']:.0f}" + (" (max, one at a time)" if r.get("sequential_only") else "")
        lines.append(
            f"| `{r['key']}` | {r['role']} | `{r['path']}` | {r['p50_ms']:.0f} | {p95} | {_fmt(r.get('rps'))} |"
        )
    if ap.get("skipped"):
        lines += [
            "",
            "Not measured: "
            + "; ".join(f"`{s['key']}` as {s['role']}: {s['reason']}" for s in ap["skipped"])
            + ".",
        ]
    return lines


def report_write(results: dict, *, results_dir: Path = config.RESULTS_DIR) -> tuple[Path, Path]:
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = results["generated_at"].replace(":", "").replace("-", "")[:13]
    body = "# Pamong benchmark at Jambi scale\n\n" + markdown(results)
    paths = []
    for name in ("latest", f"run-{stamp}"):
        (results_dir / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        (results_dir / f"{name}.md").write_text(body)
        paths.append(results_dir / f"{name}.md")
    return results_dir / "latest.json", results_dir / "latest.md"


README_HOWTO = """\
Pamong is measured at Jambi scale (90,000 ASN, over a million lesson-progress rows, two performance
periods for everyone) on one small box. To reproduce (PostgreSQL on 127.0.0.1:5432 with trust auth
for `postgres`; Redis on 127.0.0.1:6379 is used for the cache when it answers; `wrk` is installed
through apt when missing):

```sh
make bench          # ~25 min the first time (seeding), ~12 min after that; results in benchmarks/results/
```

It creates or reuses the database `pamong_bench`, seeds it, starts gunicorn with production
settings on a free port of 127.0.0.1, measures each key page with `wrk` against the ceiling of a
bare Django view (`/healthz/`, same server, settings and middleware), counts the SQL queries per page,
runs the mixed training-push scenario with Locust, profiles what misses a target, stops everything it
started and writes `benchmarks/results/latest.{json,md}` and this section. A new page is one line in
`benchmarks/pages.py`; see `benchmarks/README.md`.
"""


def readme_update(results: dict, *, readme: Path = config.ROOT / "README.md") -> None:
    text = readme.read_text()
    block = f"{README_START}\n{markdown(results)}{README_END}"
    if README_START in text and README_END in text:
        head, rest = text.split(README_START, 1)
        _old, tail = rest.split(README_END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## Benchmarks\n\n" + README_HOWTO + "\n" + block + "\n"
    readme.write_text(text)
