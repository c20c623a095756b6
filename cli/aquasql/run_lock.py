"""One aquasql run at a time per database: a session advisory lock, refused at once when taken.

Every session of a run says what it is in application_name: the main session 'aquasql
COMMAND', the sessions generating batches and building indexes WORKER_APPLICATION. A run
whose client was killed leaves its sessions behind on the server until they notice: every
aquasql session asks the server to check its client once a second
(client_connection_check_interval), and the next run, once it holds the lock, ends any worker
session still there (no live run can own one then) before it touches anything.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from functools import cache

import psycopg

from .errors import AquasqlError
from .paths import sql_dir

RUN_LOCK_FILE = "01_run_lock.sql"
WORKER_APPLICATION = "aquasql worker"
CLIENT_CHECK_MS = 1000
ORPHAN_WAIT_SECONDS = 60


@cache
def lock_key() -> int:
    """The run lock's key, as aquasql.run_lock_key() defines it (sql/01_run_lock.sql).

    Read from the file rather than the database: a command locks before its migrations have
    created the function on a new database.
    """
    text = (sql_dir() / RUN_LOCK_FILE).read_text()
    found = re.search(r"SELECT (\d+)::bigint\s+-- run lock key", text)
    if not found:
        raise AquasqlError(
            f"the run lock's key was not found in sql/{RUN_LOCK_FILE}", "the checkout is damaged: check it out again"
        )
    return int(found[1])


def lock_parts() -> list[int]:
    """The key as pg_locks shows an advisory lock on a bigint: classid (high half), objid (low half)."""
    return [lock_key() >> 32, lock_key() & 0xFFFFFFFF]


def lock_holder(conn: psycopg.Connection) -> str:
    """Who holds the run lock on conn's database, as a refusal names it."""
    holder = conn.execute(
        "SELECT a.pid, a.application_name, a.backend_start::timestamp(0)::text"
        " FROM pg_locks AS l JOIN pg_stat_activity AS a ON l.pid = a.pid"
        " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s AND l.objsubid = 1"
        " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        lock_parts(),
    ).fetchone()
    return f"'{holder[1] or 'a session'}' (server pid {holder[0]}, since {holder[2]} UTC)" if holder else "another run"


def is_locked(conn: psycopg.Connection) -> bool:
    """Whether a run holds the lock on conn's database now (nothing is taken or waited for)."""
    return conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = %s"
        " AND objid = %s AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
        lock_parts(),
    ).fetchone()[0]


def check_client_connection(conn: psycopg.Connection) -> None:
    """Have the server end this session's statement soon after its client is gone (PostgreSQL 14+)."""
    if conn.info.server_version >= 140000:
        conn.execute("SELECT set_config('client_connection_check_interval', %s, false)", [str(CLIENT_CHECK_MS)])


def _holds_lock(conn: psycopg.Connection) -> bool:
    return conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND pid = pg_backend_pid() AND classid = %s AND objid = %s AND objsubid = 1)",
        lock_parts(),
    ).fetchone()[0]


@contextmanager
def run_lock(conn: psycopg.Connection, command: str):
    """Hold the database's aquasql lock while the block runs; name the holder if another has it.

    Session-level advisory locks nest within one session, so a command may take it again
    on the connection that already holds it (seed runs the migrations runner inside); the
    session keeps the name of the command that took it first.
    """
    nested = _holds_lock(conn)
    if not nested:
        conn.execute("SELECT set_config('application_name', %s, false)", [f"aquasql {command}"])
        check_client_connection(conn)
    if not conn.execute("SELECT pg_try_advisory_lock(%s)", [lock_key()]).fetchone()[0]:
        raise AquasqlError(
            f"another aquasql run is working on this database: {lock_holder(conn)}",
            "wait for it to finish, or stop it; two runs on one database would overwrite each other",
        )
    try:
        if not nested:
            end_orphaned_workers(conn)
        yield
    finally:
        if not conn.closed:
            conn.execute("SELECT pg_advisory_unlock(%s)", [lock_key()])


def end_orphaned_workers(conn: psycopg.Connection) -> int:
    """End the worker sessions a killed run left on the server, and wait until they are gone.

    Called holding the lock: the run that started them is over, so whatever they still do
    (a batch, an index build) would only race with this run. A batch a worker was writing is
    rolled back whole; the next run writes it again.
    """
    orphans = """
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = %s
    """
    pids = [r[0] for r in conn.execute(orphans, [WORKER_APPLICATION])]
    if not pids:
        return 0
    try:
        for pid in pids:
            conn.execute("SELECT pg_terminate_backend(%s)", [pid])
    except psycopg.Error as exc:
        raise AquasqlError(
            f"an interrupted aquasql run left {len(pids)} worker session(s) on the server, and ending them "
            f"failed: {exc.diag.message_primary or exc}",
            "wait for them to end, or have a superuser run: SELECT pg_terminate_backend(pid) FROM "
            f"pg_stat_activity WHERE application_name = '{WORKER_APPLICATION}'",
        ) from None
    deadline = time.monotonic() + ORPHAN_WAIT_SECONDS
    while conn.execute(f"SELECT count(*) FROM ({orphans}) AS o", [WORKER_APPLICATION]).fetchone()[0]:
        if time.monotonic() > deadline:
            raise AquasqlError(
                f"worker sessions of an interrupted aquasql run did not end within {ORPHAN_WAIT_SECONDS} s",
                "run the command again in a moment",
            )
        time.sleep(0.2)
    return len(pids)
