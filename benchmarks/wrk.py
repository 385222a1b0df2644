"""Run ``wrk`` against one URL and read its numbers (a Lua ``done`` hook prints them as JSON)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

from . import config, cpu
from .environment import niced, renice_backends

LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d, "err_connect": %d, "err_read": %d, "err_write": %d, "err_status": %d, "err_timeout": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is not installed: `apt-get install wrk` (make bench does it).")
    return path


def wrk_run(
    url: str, *, cookie: str | None, load: config.Load, duration_s: int, server_pids: list[int], nice: int = 0
) -> dict:
    if not url.startswith(f"http://{config.HOST}:"):
        raise ValueError("benchmark traffic stays on 127.0.0.1")
    config.WORK_DIR.mkdir(parents=True, exist_ok=True)
    script = config.WORK_DIR / "report.lua"
    script.write_text(LUA)
    cmd = [
        wrk_path(),
        "-t",
        str(load.wrk_threads),
        "-c",
        str(load.wrk_connections),
        "-d",
        f"{duration_s}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    cmd.append(url)
    renice_backends(nice)
    before, t0, c0 = cpu.snapshot(server_pids), time.monotonic(), cpu.children_cpu()
    proc = subprocess.run(
        niced(cmd, nice), capture_output=True, text=True, timeout=duration_s + 60, check=False
    )
    elapsed = time.monotonic() - t0
    after = cpu.snapshot(server_pids)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout[-500:]}")
    raw = json.loads(line[len("WRKJSON ") :])
    seconds = raw["duration_us"] / 1e6
    errors = raw["err_connect"] + raw["err_read"] + raw["err_write"] + raw["err_status"] + raw["err_timeout"]
    if raw["requests"] == 0:
        # Nothing came back within the run: every latency figure is "longer than the run".
        for key in ("p50_us", "p90_us", "p95_us", "p99_us", "max_us"):
            raw[key] = max(raw[key], duration_s * 1_000_000)
    return {
        "requests": raw["requests"],
        "timeouts": raw["err_timeout"],
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
        "errors": errors,
        "non_2xx_3xx": raw["err_status"],
        "bytes_per_response": round(raw["bytes"] / raw["requests"]) if raw["requests"] else 0,
        "cpu_cores": cpu.share(before, after, elapsed, cpu.children_cpu() - c0),
    }
