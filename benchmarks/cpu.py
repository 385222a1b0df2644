"""Where the CPU went during a measurement: app server, PostgreSQL, Redis, load generator (from /proc)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[str, int, float]:
    raw = Path(f"/proc/{pid}/stat").read_text()
    comm = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    # fields[1] is ppid; utime, stime, cutime, cstime are fields 14–17 of the full line
    return comm, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def snapshot(server_pids: list[int]) -> dict[str, float]:
    """CPU seconds used so far, per group of processes."""
    out = {"app": 0.0, "postgres": 0.0, "redis": 0.0, "load": 0.0, "all": _busy()}
    server = set(server_pids)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        with contextlib.suppress(OSError, ValueError, IndexError):
            comm, ppid, cpu = _stat(pid)
            if pid in server or ppid in server:
                out["app"] += cpu
            elif comm.startswith("postgres") and _is_bench_backend(pid):
                out["postgres"] += cpu
            elif comm.startswith("redis"):
                out["redis"] += cpu
            elif comm in ("wrk", "locust") or comm.startswith("locust"):
                out["load"] += cpu
    return out


def _is_bench_backend(pid: int) -> bool:
    """A PostgreSQL backend serving the benchmark database (its title names the database)."""
    from .config import DB_NAME

    title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    return f" {DB_NAME} " in title


def _busy() -> float:
    """CPU seconds the whole machine spent busy (user, nice, system, irq, softirq, steal)."""
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in first[:8])
    return (user + nice + system + irq + softirq + steal) / TICK


def children_cpu() -> float:
    """CPU seconds of this process's finished children (wrk and Locust leave /proc when they end)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def share(
    before: dict[str, float], after: dict[str, float], seconds: float, children_s: float = 0.0
) -> dict[str, float]:
    """Cores used per group over ``seconds`` (2.0 = both cores of a 2-core box)."""
    if seconds <= 0:
        return {}
    # A process that ended during the window takes its CPU time with it: never below zero.
    used = {k: max(0.0, after[k] - before[k]) / seconds for k in before}
    used["load"] += children_s / seconds
    # Everything else on the box (other users' jobs compete for the same two cores).
    used["other"] = max(0.0, used.pop("all") - sum(used.values()))
    return {k: round(v, 2) for k, v in used.items()}
