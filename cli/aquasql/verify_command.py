"""`aquasql verify`: the quality checks of the generated history (SELECT * FROM aquasql.verify())."""

from __future__ import annotations

import json
from typing import Annotated

import psycopg
import typer
from rich.table import Table

from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .errors import AquasqlError
from .migrations import Migrator
from .options import Dsn
from .sqlcall import server_error

FIELDS = ("name", "measured", "expected", "pass", "detail")


def has_generated_data(conn: psycopg.Connection) -> bool:
    if conn.execute(
        "SELECT to_regclass('aquasql.plan_batch') IS NULL OR to_regclass('public.batch_batch') IS NULL"
    ).fetchone()[0]:
        return False
    return conn.execute(
        "SELECT EXISTS (SELECT 1 FROM aquasql.plan_batch AS p JOIN public.batch_batch AS b ON b.id = p.batch_id)"
    ).fetchone()[0]


def run_checks(conn: psycopg.Connection) -> list[dict]:
    if not has_generated_data(conn):
        raise AquasqlError(
            "no generated data to verify: this database holds no batch aquasql generated",
            "generate it first: aquasql seed",
        )
    Migrator(conn).run()  # the checks are functions of sql/: load them if they changed
    try:
        rows = conn.execute("SELECT name, measured, expected, pass, detail FROM aquasql.verify()").fetchall()
    except psycopg.Error as exc:
        raise server_error(exc, "verify") from None
    return [dict(zip(FIELDS, row, strict=True)) for row in rows]


@reports_errors
def verify(
    dsn: Dsn = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the checks as a JSON list.")] = False,
):
    """Check the generated history against the domain's bands (batches aquasql generated only).

    Survival, FCR, harvest weight, stages, conservation of fish, assignments, capacity,
    temperatures, lice and event volumes: one row per check with the measured value, the
    expected band and PASS/FAIL. Exit status 1 when any check fails (or there is no generated
    data), 0 when all pass.
    """
    with connect(resolve_dsn(dsn)) as conn:
        checks = run_checks(conn)
    failed = [c for c in checks if not c["pass"]]
    if json_output:
        out.print_json(json.dumps(checks, default=str))
    else:
        table = Table("check", "measured", "expected", "result", "detail", title="aquasql verify")
        for c in checks:
            table.add_row(
                c["name"],
                c["measured"],
                c["expected"],
                "[green]PASS[/]" if c["pass"] else "[bold red]FAIL[/]",
                c["detail"] or "",
            )
        out.print(table)
        out.print(f"{len(checks)} checks: {len(checks) - len(failed)} passed, {len(failed)} failed")
    if failed:
        if json_output:
            err.print(f"{len(failed)} of {len(checks)} checks failed")
        raise typer.Exit(1)
