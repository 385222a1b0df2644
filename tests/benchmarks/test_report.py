"""The benchmark report writer (no server, no database: ``make bench`` itself never runs in ``make test``)."""

from benchmarks.config import Targets
from benchmarks.report import (
    NOT_BUILT,
    README_END,
    README_START,
    markdown,
    readme_update,
    report_write,
    targets_check,
)


def _results(**over):
    results = {
        "generated_at": "2026-11-30T05:00:00Z",
        "commit": "abc1234",
        "machine": {
            "cores": 2,
            "memory_gib": 23.4,
            "cpu_model": "Test CPU",
            "postgres": "15.8",
            "cache": "redis",
        },
        "server": {"workers": 5, "worker_class": "sync", "threads": 1},
        "load": {
            "wrk_threads": 2,
            "wrk_connections": 32,
            "wrk_duration_s": 10,
            "locust_users": 300,
            "locust_spawn_rate": 50,
            "locust_run_time_s": 60,
            "locust_pacing_s": 1.0,
        },
        "load_average_at_start": [0.5, 0.4, 0.3],
        "pages": [
            {
                "key": "healthz",
                "title": "Bare Django view (ceiling)",
                "who": "anonymous",
                "target": "ceiling",
                "status": "measured",
                "rps": 2000.0,
                "p50_ms": 10.0,
                "p95_ms": 20.0,
                "ratio": 1.0,
                "queries": 0,
                "cpu_cores": {"app": 1.2, "postgres": 0.0, "load": 0.5, "other": 0.1},
            },
            {
                "key": "home",
                "title": "Home",
                "who": "anonymous",
                "target": "anonymous_cached",
                "status": "measured",
                "rps": 900.0,
                "p50_ms": 30.0,
                "p95_ms": 50.0,
                "ratio": 0.45,
                "queries": 3,
            },
            {
                "key": "lesson",
                "title": "Lesson page (learner)",
                "who": "learner",
                "target": "learner_lesson",
                "status": "measured",
                "rps": 500.0,
                "p50_ms": 60.0,
                "p95_ms": 90.0,
                "ratio": 0.25,
                "queries": 10,
            },
            {
                "key": "asn_profile",
                "title": "ASN profile (HR)",
                "who": "hr",
                "target": "hr_p95",
                "status": "measured",
                "rps": 300.0,
                "p50_ms": 100.0,
                "p95_ms": 350.0,
                "ratio": 0.15,
                "queries": 7,
            },
            {
                "key": "instansi_dashboard",
                "title": "Instansi dashboard (HR)",
                "who": "hr",
                "target": "hr_p95",
                "status": NOT_BUILT,
            },
        ],
        "scenario": {
            "total": {
                "requests": 18000,
                "failures": 0,
                "rps": 310.0,
                "p50_ms": 40.0,
                "p95_ms": 240.0,
                "p99_ms": 400.0,
                "failure_ratio": 0.0,
            },
            "by_request": {
                "GET lesson page": {
                    "requests": 9000,
                    "failures": 0,
                    "rps": 150.0,
                    "p50_ms": 40.0,
                    "p95_ms": 200.0,
                }
            },
            "run_time_s": 60,
            "completions": {"passed_attempts": 120, "lesson_completions_written": 800, "lost": 0},
        },
        "ceiling": {"start_rps": 1800.0, "end_rps": 2000.0, "rps": 2000.0},
        "all_pages": {
            "method": "per page: 5 requests one at a time, then wrk 2 s with 4 connections",
            "over_ms": 300.0,
            "pages": [
                {
                    "key": "hr:talent",
                    "role": "bkpsdm",
                    "path": "/hr/talenta/",
                    "p50_ms": 400.0,
                    "p95_ms": 450.0,
                },
                {"key": "people:account", "role": "asn", "path": "/akun/", "p50_ms": 20.0, "p95_ms": 35.0},
            ],
            "skipped": [
                {"key": "hr:talent_export", "role": "hr_same", "reason": "not an HTML page (text/csv)"}
            ],
            "over": [{"key": "hr:talent", "role": "bkpsdm", "path": "/hr/talenta/", "p95_ms": 450.0}],
        },
        "seeding": {
            "reused": True,
            "seeded_at": "2026-11-30 04:00 UTC",
            "first_seed_s": 200.0,
            "seed_demo_s": 60.0,
            "history_s": 140.0,
        },
        "data_sizes": {"asn": 90000, "lesson_progress_rows": 1050000},
    }
    results.update(over)
    return results


def test_targets_say_plainly_which_are_met_missed_or_not_built():
    rows = {r["target"]: r for r in targets_check(_results(), Targets())}
    assert rows["Home: ≥ 50% of the bare-Django ceiling"]["met"] is False
    assert rows["Lesson page (learner): ≥ 25% of the bare-Django ceiling"]["met"] is True
    assert rows["ASN profile (HR) as hr.dinkes: p95 ≤ 300 ms"]["met"] is False
    assert rows["Instansi dashboard (HR) as hr.dinkes: p95 ≤ 300 ms"] == {
        "target": "Instansi dashboard (HR) as hr.dinkes: p95 ≤ 300 ms",
        "measured": NOT_BUILT,
        "met": None,
    }
    assert rows["Training push: ≥ 300 requests/s"]["met"] is True
    assert rows["Training push: p95 ≤ 250 ms"]["met"] is True
    assert rows["Training push: no failures"]["met"] is True
    lost = rows["Training push: no lost completions (passed quiz attempts without their lesson completion)"]
    assert lost["met"] is True and lost["measured"] == "0 of 120 passed attempts"
    assert rows["Seeding at Jambi scale < 5 min"]["met"] is True


def test_markdown_has_one_row_per_page_and_says_not_yet_built():
    results = _results()
    results["targets"] = targets_check(results, Targets())
    text = markdown(results)
    assert "| Home | anonymous | 900 | 30.0 | 50.0 | 45% | 3 |" in text
    assert f"| Instansi dashboard (HR) | hr | {NOT_BUILT} |" in text
    assert "| Home: ≥ 50% of the bare-Django ceiling | 45% | **MISSED** |" in text
    assert "| 18000 | 310 | 40 | 240 | 400 | 0 (0.00 %) |" in text
    assert "1800 requests/s at the start of the run, 2000 at the end" in text


def test_markdown_lists_every_page_and_those_over_the_limit():
    results = _results()
    results["targets"] = targets_check(results, Targets())
    text = markdown(results)
    assert "(2 measured; per page:" in text
    assert "1 over 300 ms: `hr:talent` as bkpsdm (450 ms)." in text
    assert "| `people:account` | asn | `/akun/` | 20 | 35 | – |" in text
    assert "`hr:talent_export` as hr_same: not an HTML page (text/csv)" in text
    text = markdown(_results(all_pages={"error": "skipped (--no-all-pages)"}))
    assert "**Every page**: not measured (skipped (--no-all-pages))." in text


def test_report_files_and_readme_section_replaced_in_place(tmp_path):
    results = _results()
    results["targets"] = targets_check(results, Targets())
    json_path, md_path = report_write(results, results_dir=tmp_path)
    assert json_path.exists() and md_path.read_text().startswith("# Pamong benchmark")
    readme = tmp_path / "README.md"
    readme.write_text("# Pamong\n\nIntro.\n")
    readme_update(results, readme=readme)
    first = readme.read_text()
    assert first.startswith("# Pamong\n\nIntro.\n\n## Benchmarks\n")
    assert first.count(README_START) == 1 and first.count(README_END) == 1
    results["pages"][1]["rps"] = 1500.0
    readme_update(results, readme=readme)
    second = readme.read_text()
    assert second.count("## Benchmarks") == 1
    assert "| Home | anonymous | 1500 |" in second and "| Home | anonymous | 900 |" not in second


def test_notification_figures_read_plainly():
    """The send outcome reads "90,000 sent, 0 failed" (the worker's counts are keyed by the
    notification's email states; the report once printed their repr)."""
    notifications = {
        "audience_size": 90_000, "enqueue_s": 0.012, "recorded": 90_000, "record_s": 1.693,
        "record_again_s": 0.307, "recorded_again": 0, "send_s": 366.09,
        "send_outcome": {"sent": 90_000, "failed": 0}, "sent_per_s": 245.8,
    }  # fmt: skip
    text = markdown(_results(notifications=notifications))
    assert "| Worker: record 90,000 notifications (one INSERT … SELECT) | 1.7 s |" in text
    assert (
        "| Worker: send 90,000 emails to a local SMTP sink (aiosmtpd) | 366.1 s (245.8 per s; 90,000 sent, 0 failed) |"
        in text
    )
    assert "estimate" not in text  # all of them were sent: nothing is extrapolated
