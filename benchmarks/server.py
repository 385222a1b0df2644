"""Gunicorn on 127.0.0.1 with production settings, in its own process group; always stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from . import config
from .environment import bench_env, free_port, niced, python
from .httpclient import request


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    workers: int
    worker_class: str
    threads: int

    @property
    def base(self) -> str:
        return f"http://{config.HOST}:{self.port}"

    def pids(self) -> list[int]:
        """The master and its workers (children read from /proc)."""
        pids = [self.process.pid]
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{self.process.pid}/task").iterdir():
                children = (task / "children").read_text().split()
                pids += [int(c) for c in children]
        return pids


def server_start(*, cfg: config.Config, log_path: Path) -> Server:
    port = free_port()
    workers = cfg.effective_workers()
    cmd = [
        python(),
        "-m",
        "gunicorn",
        "pamong.wsgi",
        "--bind",
        f"{config.HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        cfg.worker_class,
        "--threads",
        str(cfg.threads),
        "--backlog",
        "2048",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    log = open(log_path, "ab")  # noqa: SIM115
    process = subprocess.Popen(
        niced(cmd, cfg.nice),
        env=bench_env(for_server=True),
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=config.ROOT,
        start_new_session=True,  # own process group: stopped as a whole
    )
    log.close()
    server = Server(process, port, workers, cfg.worker_class, cfg.threads)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}); see {log_path}")
        try:
            if request(server.base + "/healthz/").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server_stop(server)
    raise RuntimeError(f"gunicorn did not answer on /healthz/ within 60 s; see {log_path}")


def server_stop(server: Server | None) -> None:
    if server is None or server.process.poll() is not None:
        return
    pgid = server.process.pid  # start_new_session: the group id is the master's pid
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        server.process.wait(timeout=10)
