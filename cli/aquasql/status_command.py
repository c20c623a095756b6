"""`aquasql status`: what a database is and what it holds. Reads only, changes nothing."""

from __future__ import annotations

import json
from typing import Annotated

import psycopg
import typer
from rich.table import Table

from .connection import connect, redact, resolve_dsn
from .console import out, reports_errors
from .options import Dsn


def one(conn: psycopg.Connection, sql: str, params=None):
    row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def exists(conn: psycopg.Connection, relation: str) -> bool:
    return bool(one(conn, "SELECT to_regclass(%s) IS NOT NULL", [relation]))


def gather(conn: psycopg.Connection) -> dict:
    info: dict = {
        "database": one(conn, "SELECT current_database()"),
        "postgresql": one(conn, "SHOW server_version"),
        "size_bytes": one(conn, "SELECT pg_database_size(current_database())"),
    }
    ts_version = one(conn, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
    info["timescaledb"] = {
        "version": ts_version,
        # apache (Debian's build: no continuous aggregates, compression) or timescale (community)
        "edition": one(conn, "SELECT current_setting('timescaledb.license', true)") if ts_version else "none",
    }
    target = None
    if exists(conn, "aquasql.target"):
        target = conn.execute("SELECT kind, aquamind_version FROM aquasql.target").fetchone()
    info["target"] = (
        {"kind": target[0], "aquamind_version": target[1]} if target else {"kind": "unknown", "aquamind_version": None}
    )
    info["migrations_applied"] = (
        one(conn, "SELECT count(*) FROM aquasql.schema_migrations") if exists(conn, "aquasql.schema_migrations") else 0
    )
    info["sql_files_loaded"] = (
        one(conn, "SELECT count(*) FROM aquasql.sql_files") if exists(conn, "aquasql.sql_files") else 0
    )
    run = None
    if exists(conn, "aquasql.run_setting"):
        run = conn.execute(
            "SELECT profile, seed, as_of::text, batches_per_geography, stagger_days, planned_at::timestamp(0)::text"
            " FROM aquasql.run_setting"
        ).fetchone()
    info["data"] = (
        None
        if run is None
        else {
            "profile": run[0],
            "seed": run[1],
            "run_date": run[2],
            "batches_per_geography": run[3],
            "stagger_days": run[4],
            "planned_at": run[5],
        }
    )
    if exists(conn, "public.batch_batch"):
        generated = one(conn, "SELECT count(*) FROM aquasql.plan_batch") if exists(conn, "aquasql.plan_batch") else 0
        total = one(conn, "SELECT count(*) FROM public.batch_batch")
        foreign = (
            one(conn, "SELECT aquasql.foreign_batches()") if has_function(conn, "aquasql.foreign_batches()") else None
        )
        info["batches"] = {"total": total, "generated": min(generated, total), "not_generated": foreign}
    info["tables"] = table_stats(conn)
    info["hypertables"] = hypertables(conn)
    return info


def has_function(conn: psycopg.Connection, signature: str) -> bool:
    return bool(one(conn, "SELECT to_regprocedure(%s) IS NOT NULL", [signature]))


def table_stats(conn: psycopg.Connection) -> list[dict] | None:
    if not has_function(conn, "aquasql.table_stats(bigint)"):
        return None
    rows = conn.execute(
        "SELECT table_name, kind, row_count, exact, total_bytes, chunks FROM aquasql.table_stats() ORDER BY 1"
    ).fetchall()
    return [dict(zip(("table", "kind", "rows", "exact", "bytes", "chunks"), r, strict=True)) for r in rows]


def hypertables(conn: psycopg.Connection) -> list[dict]:
    if not exists(conn, "timescaledb_information.hypertables"):
        return []
    rows = conn.execute(
        "SELECT h.hypertable_name, h.num_chunks,"
        " (SELECT min(c.range_start)::date::text FROM timescaledb_information.chunks AS c"
        "   WHERE c.hypertable_schema = h.hypertable_schema AND c.hypertable_name = h.hypertable_name),"
        " (SELECT max(c.range_end)::date::text FROM timescaledb_information.chunks AS c"
        "   WHERE c.hypertable_schema = h.hypertable_schema AND c.hypertable_name = h.hypertable_name)"
        " FROM timescaledb_information.hypertables AS h ORDER BY 1"
    ).fetchall()
    return [dict(zip(("hypertable", "chunks", "from", "to"), r, strict=True)) for r in rows]


def size(n: int | None) -> str:
    if n is None:
        return ""
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return ""


@reports_errors
def status(
    dsn: Dsn = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
    all_tables: Annotated[bool, typer.Option("--all-tables", help="List empty tables too.")] = False,
):
    """Show what the database is and holds; changes nothing.

    The server (PostgreSQL, TimescaleDB version and edition), the target schema, the
    migrations applied, the profile, seed and run date of the data, rows and size per table
    and the hypertables' chunks.

    Rows are counted exactly for tables under 64 MB and estimated from the planner's statistics
    (pg_class.reltuples) for larger ones.
    """
    resolved = resolve_dsn(dsn)
    with connect(resolved) as conn:
        info = gather(conn)
    if json_output:
        out.print_json(json.dumps(info, default=str))
        return
    ts = info["timescaledb"]
    target = info["target"]
    data = info["data"]
    summary = Table("item", "value", title=f"aquasql status: {info['database']} ({redact(resolved)})")
    summary.add_row("PostgreSQL", info["postgresql"])
    summary.add_row("TimescaleDB", f"{ts['version']} ({ts['edition']} edition)" if ts["version"] else "none")
    summary.add_row(
        "target", target["kind"] + (f" (AquaMind {target['aquamind_version']})" if target["aquamind_version"] else "")
    )
    summary.add_row("migrations applied", f"{info['migrations_applied']} (and {info['sql_files_loaded']} sql files)")
    if data:
        summary.add_row("profile / seed / run date", f"{data['profile']} / {data['seed']} / {data['run_date']}")
        summary.add_row("planned at", str(data["planned_at"]))
    else:
        summary.add_row("profile / seed / run date", "no generated data")
    if "batches" in info:
        b = info["batches"]
        summary.add_row("batches", f"{b['total']:,} ({b['generated']:,} generated by aquasql)")
    summary.add_row("size on disk", size(info["size_bytes"]))
    out.print(summary)
    tables = info["tables"]
    if tables is None:
        out.print("rows per table: aquasql's functions are not loaded here (run aquasql migrate)")
    else:
        shown = [t for t in tables if all_tables or t["rows"]]
        table = Table(
            "table", "kind", "rows", "size", "chunks", title="rows per table (~ = estimated from planner statistics)"
        )
        for t in shown:
            table.add_row(
                t["table"],
                t["kind"],
                ("" if t["exact"] else "~ ") + f"{t['rows']:,}",
                size(t["bytes"]),
                "" if t["chunks"] is None else str(t["chunks"]),
            )
        out.print(table)
        if len(shown) < len(tables):
            out.print(f"{len(tables) - len(shown)} empty tables not shown (--all-tables lists them)")
    if info["hypertables"]:
        hyper = Table("hypertable", "chunks", "from", "to", title="hypertables")
        for h in info["hypertables"]:
            hyper.add_row(h["hypertable"], str(h["chunks"]), h["from"] or "", h["to"] or "")
        out.print(hyper)
