"""The benchmark's processes share one environment: production settings against ``pamong_bench``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import config


def redis_answers(host: str = config.HOST, port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def bench_env(*, for_server: bool = False) -> dict[str, str]:
    """Environment for the app: production settings, HTTP on 127.0.0.1, Redis cache when it answers.

    The in-process measurements (query counts, sessions) also allow Django's test host.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="pamong.settings.production",
        DATABASE_URL=config.DB_URL,
        SECRET_KEY=config.SECRET_KEY,
        ALLOWED_HOSTS=config.HOST if for_server else f"{config.HOST},testserver",
        PAMONG_BASE_URL=f"http://{config.HOST}",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        PYTHONUNBUFFERED="1",
    )
    if for_server:
        # Bounded: no query of the served app runs longer than a minute (a client that gave up
        # must not leave a query running behind it).
        env["DATABASE_URL"] = config.DB_URL + "?options=-c%20statement_timeout%3D60000"
    if redis_answers():
        env["REDIS_URL"] = config.REDIS_URL
    else:
        env.pop("REDIS_URL", None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind((config.HOST, 0))
        return s.getsockname()[1]


def run(cmd: list[str], *, env: dict[str, str] | None = None, log: Path | None = None, timeout: int = 1800):
    """Run a command to completion (bounded), its output to ``log``; raise on failure."""
    started = time.monotonic()
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    try:
        subprocess.run(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, check=True, timeout=timeout, cwd=config.ROOT
        )
    finally:
        if log:
            out.close()
    return time.monotonic() - started


def niced(cmd: list[str], nice: int) -> list[str]:
    return ["nice", "-n", str(nice), *cmd] if nice else cmd


def renice_backends(nice: int) -> int:
    """Give the PostgreSQL backends serving the benchmark database the benchmark's priority."""
    if not nice:
        return 0
    done = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            if title.startswith("postgres: ") and f" {config.DB_NAME} " in title:
                os.setpriority(os.PRIO_PROCESS, int(entry.name), nice)
                done += 1
        except OSError:
            continue
    return done


def python() -> str:
    return sys.executable
