"""Every knob of the benchmark in one place. All traffic goes to 127.0.0.1; every loop is bounded."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
RESULTS_DIR = BENCH_DIR / "results"
WORK_DIR = BENCH_DIR / ".work"  # scratch (git-ignored): logs, the Lua script, the Locust plan

HOST = "127.0.0.1"
DB_NAME = os.environ.get("BENCH_DB_NAME", "pamong_bench")
DB_URL = f"postgres://postgres@{HOST}:5432/{DB_NAME}"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", f"redis://{HOST}:6379/1")
SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"
DEMO_PASSWORD = "Jambi2026!"


@dataclass
class Scale:
    """Jambi: about 90,000 ASN; at least a million lesson-progress rows."""

    asn: int = 90_000
    min_progress_rows: int = 1_000_000
    seed: int = 2026


@dataclass
class Load:
    wrk_duration_s: int = 10
    wrk_threads: int = 2
    wrk_connections: int = 32
    warmup_s: int = 2
    locust_users: int = 300
    locust_spawn_rate: int = 50
    locust_run_time_s: int = 60
    # One request per simulated user per second: 300 users ≈ 300 requests/s offered
    # (the "10 % of 90,000 ASN, one request every 30 s").
    locust_pacing_s: float = 1.0


@dataclass
class Targets:
    """The issue's targets (2 cores; app, database and load generator on the same box)."""

    anonymous_cached_ratio: float = 0.50  # home, policy chapter: share of the bare-Django ceiling
    learner_lesson_ratio: float = 0.25  # issue 14: lesson, module, quiz attempt, /belajar/
    hr_p95_ms: float = 300.0  # every HR page, as hr.dinkes and as bkpsdm
    scenario_rps: float = 300.0
    scenario_p95_ms: float = 250.0
    scenario_failure_ratio: float = 0.0
    scenario_lost_completions: int = 0
    seeding_s: float = 300.0
    all_pages_p95_ms: float = 300.0  # the quick pass over every page lists those above


@dataclass
class Config:
    scale: Scale = field(default_factory=Scale)
    load: Load = field(default_factory=Load)
    targets: Targets = field(default_factory=Targets)
    worker_class: str = "sync"
    workers: int | None = None  # None: 2 × cores + 1
    threads: int = 1
    quick: bool = False  # shorter runs for trying the harness out
    # Niceness of the processes the benchmark starts (gunicorn, wrk, Locust) and of the PostgreSQL
    # backends serving pamong_bench (--nice -10 on a box shared with other jobs). Off by default:
    # in the sandbox this was written in, the scheduler ignored it (measured: same CPU share).
    nice: int = 0

    def effective_workers(self) -> int:
        return self.workers or 2 * (os.cpu_count() or 1) + 1
