"""Shared fixtures: one PostgreSQL server for the session, a fresh database per test."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

import templates

REPO = Path(__file__).resolve().parents[2]


def make_home() -> Path:
    """A home for an embedded cluster that the unprivileged cluster owner can reach."""
    home = Path(tempfile.mkdtemp(prefix="aquasql-test-", dir="/tmp"))
    home.chmod(0o755)
    return home


def aquasql(*args: str, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, in a subprocess. An env value of None unsets the variable."""
    full_env = {k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None}
    result = subprocess.run(
        [sys.executable, "-m", "aquasql", *args], capture_output=True, text=True, env=full_env, timeout=600
    )
    if check and result.returncode != 0:
        raise AssertionError(f"aquasql {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def admin_dsn():
    """AQUASQL_TEST_ADMIN_DSN (set by scripts/test.sh), else an embedded cluster of our own."""
    if dsn := os.environ.get("AQUASQL_TEST_ADMIN_DSN"):
        yield dsn
        return
    home = make_home()
    env = {"AQUASQL_HOME": str(home)}
    dsn = with_database(aquasql("db", "start", env=env, check=True).stdout.strip(), "postgres")
    yield dsn
    aquasql("db", "stop", env=env)


def with_database(admin: str, name: str) -> str:
    return admin.rsplit("/", 1)[0] + "/" + name


@contextmanager
def databases_made(admin_dsn: str):
    """make() -> the DSN of a new empty database; every one made is dropped at the end."""
    names: list[str] = []

    def make() -> str:
        names.append(f"t_{uuid.uuid4().hex[:12]}")
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {names[-1]}")
        return with_database(admin_dsn, names[-1])

    try:
        yield make
    finally:
        templates.drop_databases(admin_dsn, names)


@pytest.fixture(scope="session")
def copies(admin_dsn):
    """copy(kind, mode="on") -> the DSN of a new copy of a template database (templates.py):
    "migrated" (AquaMind's schema and aquasql's, TimescaleDB on or off) or "tiny" (that, with the
    tiny history seeded by one worker: seed 42, run date 2026-11-23)."""
    names: list[str] = []

    def copy(kind: str, mode: str = "on") -> str:
        names.append(f"{kind}_{mode}_{uuid.uuid4().hex[:10]}")
        return templates.copy_database(admin_dsn, names[-1], templates.template(admin_dsn, kind, mode))

    yield copy
    # the copies, then the templates this process made (a pytest run without scripts/test.sh)
    templates.drop_databases(admin_dsn, names + list(templates.made_here()))


@pytest.fixture
def fresh_db(admin_dsn):
    """An empty database, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield with_database(admin_dsn, name)
    templates.drop_databases(admin_dsn, [name])


def scalar(dsn: str, sql: str, params=None):
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchone()[0]


def table_checksums(dsn: str) -> dict[str, str]:
    """md5 of every table of the target schema, rows in primary-key order.

    Read in UTC, whatever the database's default TimeZone: a row's text shows its timestamps in
    the session's zone, so the same instants would otherwise give other checksums.
    """
    with psycopg.connect(dsn, options="-c TimeZone=UTC") as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        sums = {}
        for t in tables:
            sums[t] = conn.execute(
                f"SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '')"
                f" FROM public.{t} AS x"
            ).fetchone()[0]
    return sums
