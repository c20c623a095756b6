"""One aquasql run at a time per database: while a seed runs, a second seed, a wipe, a migrate or
a plan is refused at once, naming the run that holds the database; the running seed goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from dbstate import Databases, scalar

HOLDER = ("SELECT max(a.application_name) FROM pg_locks AS l JOIN pg_stat_activity AS a ON l.pid = a.pid"
          " WHERE l.locktype = 'advisory' AND l.granted AND l.objid = x'61717561'::int"
          " AND a.datname = current_database()")


@pytest.fixture
def running_seed(admin_dsn):
    """A small seed in the background, once it holds the database's lock; stopped afterwards."""
    dbs = Databases(admin_dsn, "concurrent")
    dsn = dbs.new(migrated=True)
    proc = subprocess.Popen([sys.executable, "-m", "aquasql", "seed", "--dsn", dsn, "--profile", "small",
                             "--as-of", "2026-11-23", "--workers", "1"],
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
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
        "migrate": ["migrate", "--dsn", dsn],
        "plan": ["plan", "--dsn", dsn, "--profile", "tiny"],
    }
    started = time.monotonic()
    procs = {name: subprocess.Popen([sys.executable, "-m", "aquasql", *args], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for name, args in commands.items()}
    results = {name: (p.wait(timeout=60), p.communicate()[1]) for name, p in procs.items()}
    elapsed = time.monotonic() - started
    assert seed.poll() is None, "the running seed was disturbed"
    for name, (code, stderr) in results.items():
        assert code == 1, f"{name}: {stderr}"
        assert "another aquasql run is working on this database: 'aquasql seed' (server pid" in stderr, name
        assert "Traceback" not in stderr
    assert elapsed < 20, f"refused after {elapsed:.1f} s"
    # nothing of theirs reached the database: the seed still holds it and is the only aquasql session
    with psycopg.connect(dsn) as conn:
        assert conn.execute(HOLDER).fetchone()[0] == "aquasql seed"
