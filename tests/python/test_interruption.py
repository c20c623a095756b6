"""An interrupted seed (Ctrl-C or SIGKILL of the CLI's process group, or a worker session ended by
the server) leaves a database that the same command, run again without --replace, completes with
the rows of a run never interrupted: no key left NOT VALID, no index left set aside, verify passes.

Each kill point is recognised, not timed: the test polls pg_stat_activity (the statement a
session of the run is executing) and aquasql.loaded_batch, and kills when it sees it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest

import templates
from conftest import aquasql, table_checksums
from dbstate import TINY, Databases, not_valid_foreign_keys, scalar, state

pytestmark = pytest.mark.slow  # seven interrupted seeds, each completed by a second run

# tiny, one worker: batch 1, then batch 2, so "one batch written, one being written" is reached
COMMAND = ["seed", *TINY, "--workers", "1"]

ACTIVE = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
    " AND application_name LIKE 'aquasql %%' AND query LIKE %s"
)
MID_LOAD = (
    "SELECT (SELECT count(*) FROM aquasql.loaded_batch) = 1 AND EXISTS (SELECT 1 FROM pg_stat_activity"
    " WHERE datname = current_database() AND application_name = 'aquasql worker' AND state = 'active'"
    " AND query LIKE 'SELECT family, rows_written FROM aquasql.generate_batches(%%')"
)


def statement(prefix: str) -> tuple[str, list]:
    """The moment a session of the run executes a statement starting with prefix."""
    return ACTIVE, [prefix.replace("_", "\\_") + "%"]


KILL_POINTS = [
    # id, when (SQL that is true at that moment), how
    ("plan", statement("SELECT aquasql.plan("), signal.SIGINT),
    ("batches", (MID_LOAD, []), signal.SIGKILL),
    ("batches, worker ended by the server", (MID_LOAD, []), "terminate"),
    ("index build", statement("SELECT aquasql.restore_index("), signal.SIGINT),
    ("key validation", statement("SELECT aquasql.restore_foreign_key("), signal.SIGKILL),
    ("feed stock", statement("SELECT family, rows_written FROM aquasql.finish_generation()"), signal.SIGKILL),
    (
        "properties check",
        statement("SELECT property, violations FROM aquasql.generated_property_violations()"),
        signal.SIGINT,
    ),
]


@pytest.fixture(scope="module")
def dbs(admin_dsn):
    made = Databases(admin_dsn, "interrupt")
    yield made
    made.drop_all()


@pytest.fixture(scope="module")
def reference(copies):
    """The rows of the same command, never interrupted (the shared tiny template)."""
    assert COMMAND == ["seed", *templates.TINY, "--workers", "1"]
    return table_checksums(copies("tiny"))


def run_until(dsn: str, when: tuple[str, list], how) -> subprocess.CompletedProcess:
    """Start the command in a process group of its own; at the moment `when`, interrupt it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "aquasql", COMMAND[0], "--dsn", dsn, *COMMAND[1:]],
        start_new_session=True,
        # Ctrl-C as at a terminal: a suite started in the background (`cmd &` in a script) has
        # SIGINT ignored, and Python keeps an ignored SIGINT ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sql, params = when
    hit = False
    try:
        with psycopg.connect(dsn, autocommit=True) as watch:
            deadline = time.monotonic() + 300
            while proc.poll() is None and time.monotonic() < deadline:
                if scalar_on(watch, sql, params):
                    hit = True
                    if how == "terminate":
                        watch.execute(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            " WHERE datname = current_database() AND application_name = 'aquasql worker'"
                        )
                    else:
                        os.killpg(proc.pid, how)
                    break
                time.sleep(0.01)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert hit, f"the kill point was never reached:\n{err if proc.returncode is not None else ''}"
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def scalar_on(conn, sql, params):
    try:
        return conn.execute(sql, params).fetchone()[0]
    except psycopg.errors.UndefinedTable:  # before the migrations made aquasql.loaded_batch
        return False


def wait_for_orphans(dsn: str, seconds: float = 30) -> None:
    """A killed client's main session ends itself within about a second (client_connection_check_interval)."""
    deadline = time.monotonic() + seconds
    while scalar(
        dsn,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND application_name LIKE 'aquasql %%' AND application_name <> 'aquasql worker'"
        " AND pid <> pg_backend_pid()",
    ):
        assert time.monotonic() < deadline, "the killed run's session is still on the server"
        time.sleep(0.2)


@pytest.mark.parametrize("point, when, how", KILL_POINTS, ids=[k[0] for k in KILL_POINTS])
def test_rerun_after_interruption_completes(dbs, reference, point, when, how):
    dsn = dbs.new(migrated=True)
    before = state(dsn)
    interrupted = run_until(dsn, when, how)
    if how == signal.SIGINT:
        assert interrupted.returncode == 130, interrupted.stderr
        assert "interrupted:" in interrupted.stderr and "run the same command again" in interrupted.stderr
    elif how == signal.SIGKILL:
        assert interrupted.returncode == -signal.SIGKILL
    else:
        assert interrupted.returncode == 1, interrupted.stderr
        assert "run the same command again" in interrupted.stderr
    assert "Traceback" not in interrupted.stderr
    if point == "plan":  # one transaction: as it was before the run
        assert state(dsn) == before
    wait_for_orphans(dsn)

    rerun = aquasql(COMMAND[0], "--dsn", dsn, *COMMAND[1:])
    assert rerun.returncode == 0, rerun.stderr
    if point != "plan":
        assert "going on with the interrupted run" in rerun.stderr
    assert not_valid_foreign_keys(dsn) == 0
    assert scalar(dsn, "SELECT count(*) FROM aquasql.suspended_index") == 0
    assert scalar(dsn, "SELECT count(*) FROM aquasql.suspended_constraint") == 0
    assert (
        scalar(
            dsn,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = 'aquasql worker'",
        )
        == 0
    )
    verify = aquasql("verify", "--dsn", dsn)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert table_checksums(dsn) == reference


def test_other_options_after_an_interruption_are_refused_then_replace_starts_over(dbs, reference):
    dsn = dbs.new(migrated=True)
    run_until(dsn, (MID_LOAD, []), signal.SIGKILL)
    wait_for_orphans(dsn)
    other = aquasql("seed", "--dsn", dsn, *TINY, "--seed", "7")
    assert other.returncode == 1
    assert "an interrupted run is unfinished in this database: aquasql seed --profile tiny --seed 42" in other.stderr
    assert "--replace" in other.stderr
    replaced = aquasql("seed", "--dsn", dsn, *TINY, "--workers", "2", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "going on" not in replaced.stderr
    assert table_checksums(dsn) == reference
