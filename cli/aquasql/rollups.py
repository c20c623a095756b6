"""The growth-analysis rollups (sql/85_rollups.sql): built at the end of a load, `aquasql refresh`.

Materialized views are built and refreshed by the SQL functions. A continuous aggregate is
created by them too (real-time, empty), but materializing it takes transactions of TimescaleDB's
own, so CALL refresh_continuous_aggregate runs here, on an autocommit connection outside any
transaction, and only then are its refresh policies added: a policy run before the full refresh
would hide the older history, and one run beside it makes TimescaleDB (2.27 and newer) refuse
one of the two refreshes. The CLI tells the SQL functions it does this itself
(aquasql.materialize_rollups = 'caller'); without it they leave both to a one-time background job.
"""

from __future__ import annotations

import time

import psycopg
from psycopg import sql
from rich.table import Table

from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .migrations import Migrator
from .options import Dsn
from .run_lock import run_lock
from .sqlcall import step

CONTINUOUS = "continuous aggregate"
# another session's refresh of the same aggregate (a policy's, a user's): waited for, then retried
RETRY_SECONDS = (1, 2, 4, 8, 15, 30)


def caller_materializes(conn: psycopg.Connection) -> None:
    """From now on this session materializes the continuous aggregates it builds, and adds their policies."""
    conn.execute("SELECT set_config('aquasql.materialize_rollups', 'caller', false)")


def refresh_fully(conn: psycopg.Connection, name: str) -> str | None:
    """Refresh one continuous aggregate over all its data; None, or why it could not be done."""
    for wait in (*RETRY_SECONDS, None):
        try:
            conn.execute("CALL refresh_continuous_aggregate(%s, NULL, NULL)", [f"aquasql.{name}"])
            return None
        except psycopg.Error as exc:
            reason = exc.diag.message_primary or str(exc)
            if wait is None or "concurrent" not in reason:
                return reason
            time.sleep(wait)
    return None


def materialize_continuous(conn: psycopg.Connection, rows: list[tuple]) -> list[tuple]:
    """Materialize the continuous aggregates among `rows` (rollup, kind, rows), add their policies.

    Returns the rows counted again afterwards. A refresh that cannot be done is said, not
    raised: the rows are in the tables and the aggregate, real-time, shows them; a background
    job is left to materialize it and add the policies later.
    """
    failed = []
    for name, kind, _ in rows:
        if kind == CONTINUOUS and (reason := refresh_fully(conn, name)):
            failed.append(name)
            err.print(
                f"  [yellow]warning:[/] the continuous aggregate aquasql.{name} is not materialized yet ({reason}); "
                "it shows every row in real time, and a background job materializes it (or run aquasql refresh)"
            )
    if any(kind == CONTINUOUS for _, kind, _ in rows):
        if failed:
            conn.execute("SELECT set_config('aquasql.materialize_rollups', '', false)")
            conn.execute("SELECT aquasql.schedule_rollup_materialization()")
            caller_materializes(conn)
        else:
            conn.execute("SELECT aquasql.add_rollup_policies()")
    count = "SELECT count(*) FROM {}"
    return [
        (name, kind, conn.execute(sql.SQL(count).format(sql.Identifier("aquasql", name))).fetchone()[0])
        for name, kind, _ in rows
    ]


def build(conn: psycopg.Connection) -> list[tuple]:
    """(Re)create the rollups after a load; conn must be in autocommit mode."""
    caller_materializes(conn)
    with step(conn, "building the rollups"):
        rows = conn.execute("SELECT rollup, kind, row_count FROM aquasql.build_rollups()").fetchall()
    rows = materialize_continuous(conn, rows)
    err.print("    " + ", ".join(f"{name} ({kind}, {n:,} rows)" for name, kind, n in rows))
    return rows


@reports_errors
def refresh(dsn: Dsn = None):
    """Bring the growth-analysis rollups up to date with the tables (building missing ones).

    Daily temperature per container (env_daily_temp_by_container), daily feed and deaths per
    assignment, weekly growth per batch, in schema aquasql: materialized views are refreshed,
    continuous aggregates (TimescaleDB's community edition) materialized over all their data.
    """
    with connect(resolve_dsn(dsn)) as conn, run_lock(conn, "refresh"):
        Migrator(conn).run()
        caller_materializes(conn)
        with step(conn, "refreshing the rollups"):
            rows = conn.execute("SELECT rollup, kind, row_count FROM aquasql.refresh_rollups()").fetchall()
        rows = materialize_continuous(conn, rows)
    table = Table("rollup", "kind", "rows", title="Rollups (schema aquasql)")
    for name, kind, n in rows:
        table.add_row(name, kind, f"{n:,}")
    out.print(table)
