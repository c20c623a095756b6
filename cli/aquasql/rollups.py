"""The growth-analysis rollups (sql/85_rollups.sql): built at the end of a load, `aquasql refresh`.

Materialized views are built and refreshed by the SQL functions. A continuous aggregate is
created by them too (real-time, with a refresh policy), but materializing it takes transactions
of TimescaleDB's own, so CALL refresh_continuous_aggregate runs here, on an autocommit
connection outside any transaction.
"""

from __future__ import annotations

import psycopg
from rich.table import Table

from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .migrations import Migrator
from .options import Dsn
from .run_lock import run_lock
from .sqlcall import server_error, step

CONTINUOUS = "continuous aggregate"


def materialize_continuous(conn: psycopg.Connection, rows: list[tuple]) -> None:
    """Materialize the continuous aggregates among `rows` (rollup, kind, rows) over all their data."""
    for name, kind, _ in rows:
        if kind == CONTINUOUS:
            try:
                conn.execute("CALL refresh_continuous_aggregate(%s, NULL, NULL)", [f"aquasql.{name}"])
            except psycopg.Error as exc:
                raise server_error(exc, f"refreshing the continuous aggregate aquasql.{name}") from None


def build(conn: psycopg.Connection) -> list[tuple]:
    """(Re)create the rollups after a load; conn must be in autocommit mode."""
    with step(conn, "building the rollups"):
        rows = conn.execute("SELECT rollup, kind, row_count FROM aquasql.build_rollups()").fetchall()
    materialize_continuous(conn, rows)
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
        with step(conn, "refreshing the rollups"):
            rows = conn.execute("SELECT rollup, kind, row_count FROM aquasql.refresh_rollups()").fetchall()
        materialize_continuous(conn, rows)
    table = Table("rollup", "kind", "rows", title="Rollups (schema aquasql)")
    for name, kind, n in rows:
        table.add_row(name, kind, f"{n:,}")
    out.print(table)
