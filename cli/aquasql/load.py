"""Loading batches in bulk: clear, set keys and indexes aside, load in parallel, rebuild."""

from __future__ import annotations

import time
from typing import Optional

import psycopg

from . import generate
from .console import err
from .orchestrate import build_indexes, generate_batches
from .sqlcall import step

# Tables whose secondary indexes are built once after the load instead of row by row: no
# generator reads them back by those indexes while batches load (the feed stock step reads
# all feeding events at once, and its cost update finds them by primary key).
INDEX_SUSPENDED_TABLES = ["environmental_environmentalreading", "inventory_feedingevent"]


def load_batches(conn, dsn: str, workers: int, with_individuals: bool) -> None:
    started = time.perf_counter()
    batch_ids = generate.planned_batches(conn)
    with step(conn, "preparing the load (generated rows cleared, foreign keys and secondary indexes set aside)"):
        conn.execute("SELECT aquasql.suspend_foreign_keys()")
        conn.execute("SELECT aquasql.clear_generated()")
        conn.execute("SELECT aquasql.suspend_indexes(%s::regclass[])", [INDEX_SUSPENDED_TABLES])
    try:
        result = generate_batches(dsn, batch_ids, workers, with_individuals)
        with step(conn, "cross-batch steps"):
            result.rows.update(dict(generate.finish(conn)))
    finally:
        restore_indexes(conn, dsn, workers)
        restore_foreign_keys(conn)
    total = sum(result.rows.values())
    for family, n in sorted(result.rows.items(), key=lambda kv: -kv[1]):
        err.print(f"    {n:>12,} {family}")
    err.print(f"  {len(batch_ids)} batches, {total:,} rows: batches loaded in {result.seconds:.1f} s "
              f"({total / max(result.seconds, 1e-9):,.0f} rows/s, {workers} worker(s)), "
              f"whole step with keys and indexes {time.perf_counter() - started:.1f} s")


def restore_foreign_keys(conn) -> None:
    with step(conn, "restoring and validating foreign keys"):
        conn.execute("SELECT aquasql.restore_foreign_keys()")


def restore_indexes(conn, dsn: Optional[str] = None, workers: int = 1) -> None:
    """Build the set-aside indexes: from `workers` sessions when a DSN is given, else on conn."""
    names = [r[0] for r in conn.execute("SELECT index_name FROM aquasql.suspended_index ORDER BY 1")]
    if not names:
        return
    with step(conn, f"building {len(names)} set-aside indexes"):
        if dsn is None:
            conn.execute("SELECT aquasql.restore_indexes()")
        else:
            build_indexes(dsn, names, workers)


def restore_interrupted_load(conn: psycopg.Connection) -> None:
    """Give back the keys and indexes an interrupted load left set aside."""
    interrupted = conn.execute(
        "SELECT (SELECT count(*) FROM aquasql.suspended_constraint) + (SELECT count(*) FROM aquasql.suspended_index)"
    ).fetchone()[0]
    if interrupted:
        err.print("  an earlier load was interrupted: restoring its indexes and foreign keys first")
        restore_indexes(conn)
        restore_foreign_keys(conn)
