"""Create or reuse the PostgreSQL database ``pamong_bench``, migrate, and seed it at Jambi scale."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import psycopg

from . import config
from .environment import bench_env, python, run

ADMIN_DSN = f"host={config.HOST} port=5432 user=postgres dbname=postgres connect_timeout=3"


def _connect():
    return psycopg.connect(ADMIN_DSN, autocommit=True)


def cluster_ensure(log=print) -> None:
    """Start the local cluster when it does not answer (Debian's pg_ctlcluster)."""
    try:
        _connect().close()
        return
    except psycopg.OperationalError:
        pass
    versions = (
        sorted(p.name for p in Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").exists() else []
    )
    if not versions:
        raise SystemExit("PostgreSQL is not installed (no /etc/postgresql); `apt-get install postgresql`.")
    log(f"Starting PostgreSQL {versions[-1]} main …")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"], check=False, timeout=60
    )
    for _ in range(30):
        try:
            _connect().close()
            return
        except psycopg.OperationalError:
            time.sleep(1)
    raise SystemExit("PostgreSQL on 127.0.0.1:5432 does not answer.")


def database_ensure(log=print) -> bool:
    """Create ``pamong_bench`` if missing. True when it was created."""
    cluster_ensure(log)
    with _connect() as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config.DB_NAME]).fetchone()
        if exists:
            return False
        conn.execute(f'CREATE DATABASE "{config.DB_NAME}"')
        log(f"Created database {config.DB_NAME}.")
        return True


def migrate(log_path: Path) -> float:
    return run([python(), "manage.py", "migrate", "--noinput"], env=bench_env(), log=log_path)


def seed_demo(*, asn: int, seed: int, log_path: Path) -> float:
    cmd = [
        python(),
        "manage.py",
        "seed_demo",
        "--asn",
        str(asn),
        "--seed",
        str(seed),
        "--force",
        "--no-progress",
    ]
    return run(cmd, env=bench_env(), log=log_path, timeout=3600)


def collectstatic(log_path: Path) -> float:
    return run([python(), "manage.py", "collectstatic", "--noinput"], env=bench_env(), log=log_path)
