"""One aquasql run at a time per database: while a seed runs, a second seed, a wipe, a migrate, a
plan or aquasql.seed() from SQL is refused at once, naming the run that holds the database; the
running seed goes on. The reverse too: while aquasql.seed() runs, the CLI is refused. Commands
that only read run beside a seed, neither taking nor waiting for its lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from dbstate import Databases, scalar

pytestmark = pytest.mark.slow  # a small seed with other runs beside it

HOLDER = "SELECT aquasql.run_lock_holder()"  # e.g. 'aquasql seed' (server pid 123, since …)
REFUSED = "another aquasql run is working on this database: "


@pytest.fixture
def running_seed(admin_dsn):
    """A small seed in the background, once it holds the database's lock; stopped afterwards."""
    dbs = Databases(admin_dsn, "concurrent")
    dsn = dbs.new(migrated=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aquasql",
            "seed",
            "--dsn",
            dsn,
            "--profile",
            "small",
            "--as-of",
            "2026-11-23",
            "--workers",
            "1",
        ],
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while scalar(dsn, HOLDER) is None:
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "the seed never took the lock"
            time.sleep(0.05)
        yield dsn, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        dbs.drop_all()


def test_second_run_is_refused_at_once_naming_the_running_one(running_seed):
    dsn, seed = running_seed
    commands = {
        "seed": ["seed", "--dsn", dsn, "--profile", "tiny"],
        "wipe": ["wipe", "--yes", "--dsn", dsn],
        "plan": ["plan", "--dsn", dsn, "--profile", "tiny"],
        # the database is up to date, so migrate has nothing to write: it only reads, beside the seed
        "migrate": ["migrate", "--dsn", dsn],
    }
    started = time.monotonic()
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "aquasql", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name, args in commands.items()
    }
    results = {name: (p.wait(timeout=60), p.communicate()[1]) for name, p in procs.items()}
    elapsed = time.monotonic() - started
    with psycopg.connect(dsn, autocommit=True) as conn, pytest.raises(psycopg.errors.RaiseException) as from_sql:
        conn.execute("SELECT * FROM aquasql.seed('tiny', 3, '2026-11-01')")
    assert str(from_sql.value).startswith(REFUSED + "'aquasql seed' (server pid"), from_sql.value
    assert seed.poll() is None, "the running seed was disturbed"
    code, stderr = results.pop("migrate")
    assert code == 0 and REFUSED not in stderr, stderr
    for name, (code, stderr) in results.items():
        assert code == 1, f"{name}: {stderr}"
        assert REFUSED + "'aquasql seed' (server pid" in stderr, name
        assert "Traceback" not in stderr
    assert elapsed < 20, f"refused after {elapsed:.1f} s"
    # nothing of theirs reached the database: the seed still holds it and is the only aquasql session
    assert scalar(dsn, HOLDER).startswith("'aquasql seed' (server pid")


def test_commands_that_only_read_run_beside_a_seed(running_seed):
    dsn, seed = running_seed
    commands = {
        "profiles": ["profiles", "--dsn", dsn],
        "status": ["status", "--dsn", dsn],
        "verify": ["verify", "--dsn", dsn],
        "migrate --status": ["migrate", "--status", "--dsn", dsn],
        "db url": ["db", "url"],
    }
    started = time.monotonic()
    results = {
        name: subprocess.run([sys.executable, "-m", "aquasql", *args], capture_output=True, text=True, timeout=120)
        for name, args in commands.items()
    }
    elapsed = time.monotonic() - started
    for name, result in results.items():
        assert REFUSED not in result.stderr, f"{name} waited for or took the lock: {result.stderr}"
        assert "Traceback" not in result.stderr, name
    for name in ("profiles", "status", "migrate --status", "db url"):
        assert results[name].returncode == 0, f"{name}: {results[name].stderr}"
    assert "tiny" in results["profiles"].stdout
    # verify reads whatever the seed has committed so far: a result or "no generated data yet"
    assert results["verify"].returncode in (0, 1), results["verify"].stderr
    assert elapsed < 60, f"the read-only commands took {elapsed:.1f} s beside the seed"
    # a dry run plans in the database's own plan tables: it is refused at once, not held up
    dry = subprocess.run(
        [sys.executable, "-m", "aquasql", "plan", "--dry-run", "--dsn", dsn, "--profile", "tiny"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert dry.returncode == 1, dry.stderr
    assert REFUSED + "'aquasql seed'" in dry.stderr and "dry run" in dry.stderr, dry.stderr
    assert seed.poll() is None, "the running seed was disturbed"
    assert scalar(dsn, HOLDER).startswith("'aquasql seed' (server pid")


def test_the_cli_is_refused_while_aquasql_seed_runs_from_sql(admin_dsn):
    dbs = Databases(admin_dsn, "concurrent_sql")
    dsn = dbs.new(migrated=True)
    failure: list[BaseException] = []
    dba = psycopg.connect(dsn, autocommit=True, application_name="a DBA's psql")

    def seed_from_sql() -> None:
        try:
            dba.execute("SELECT * FROM aquasql.seed('small', 1, '2026-11-23')")
        except BaseException as exc:  # cancelled at the end of the test
            failure.append(exc)

    worker = threading.Thread(target=seed_from_sql, daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 60
        while scalar(dsn, HOLDER) is None:
            assert worker.is_alive(), failure
            assert time.monotonic() < deadline, "aquasql.seed() never took the lock"
            time.sleep(0.05)
        refused = subprocess.run(
            [sys.executable, "-m", "aquasql", "seed", "--dsn", dsn, "--profile", "tiny"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert worker.is_alive(), "aquasql.seed() ended before the CLI ran: the test proves nothing"
        assert refused.returncode == 1, refused.stderr
        assert REFUSED + "'a DBA's psql' (server pid" in refused.stderr, refused.stderr
    finally:
        dba.cancel()
        worker.join(timeout=60)
        dba.close()
        dbs.drop_all()
