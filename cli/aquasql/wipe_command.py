"""`aquasql wipe`: remove the generated history (SELECT * FROM aquasql.wipe())."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .errors import AquasqlError, ident
from .migrations import Migrator
from .options import Dsn
from .rollups import caller_materializes, materialize_continuous
from .run_lock import run_lock
from .sqlcall import step


def refuse_foreign(count: int) -> None:
    if count:
        raise AquasqlError(
            f"refusing to wipe: batch_batch holds {count:,} batch(es) that aquasql did not generate",
            "this looks like an AquaMind database in use; wipe only empties databases whose batches aquasql "
            "generated (aquasql.plan_batch)",
        )


@reports_errors
def wipe(
    dsn: Dsn = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    all_data: Annotated[
        bool,
        typer.Option("--all", help="Also remove infrastructure and master data (and aquasql's plan)."),
    ] = False,
):
    """Remove all operational data; keep infrastructure and master data (--all: remove those too).

    Operational data: batches and everything hanging off them (assignments, workflows, events,
    readings, feeding, feed purchases and stock, daily states, scenarios and projections,
    harvest and finance facts, their simple_history rows) and aquasql's plan, so that
    `aquasql seed` can run again.

    Asks you to type the database name unless --yes; without a terminal, --yes is required.
    Refuses, naming how many, when batch_batch holds batches aquasql did not generate (an
    AquaMind database in use).
    """
    if not yes and not sys.stdin.isatty():
        err.print(
            "[bold red]error:[/] wipe asks for confirmation, but stdin is not a terminal; "
            "pass --yes to wipe without asking"
        )
        raise typer.Exit(2)
    with connect(resolve_dsn(dsn)) as conn, run_lock(conn, "wipe"):
        db = conn.execute("SELECT current_database()").fetchone()[0]
        if conn.execute("SELECT to_regnamespace('aquasql') IS NULL").fetchone()[0]:
            has_batches = conn.execute("SELECT to_regclass('public.batch_batch') IS NOT NULL").fetchone()[0]
            refuse_foreign(conn.execute("SELECT count(*) FROM public.batch_batch").fetchone()[0] if has_batches else 0)
            raise AquasqlError(f"nothing to wipe: aquasql has never run on database {ident(db)}")
        Migrator(conn).run()  # wipe is a function of sql/: load it if it changed
        refuse_foreign(conn.execute("SELECT aquasql.foreign_batches()").fetchone()[0])
        batches = conn.execute("SELECT count(*) FROM public.batch_batch").fetchone()[0]
        tables = conn.execute(
            "SELECT count(*) FROM aquasql.all_data_tables()"
            if all_data
            else "SELECT count(*) FROM aquasql.operational_tables()"
        ).fetchone()[0]
        what = "all data (operational, infrastructure and master data)" if all_data else "the operational data"
        err.print(f"wipe removes {what} of database {ident(db)}: {batches:,} batches, {tables} tables emptied")
        if not yes:
            answer = typer.prompt(f"Type the database name ({db}) to confirm", default="", show_default=False)
            if answer.strip() != db:
                raise AquasqlError("not confirmed: the name typed is not the database's; nothing was removed")
        caller_materializes(conn)  # wipe rebuilds the rollups: their continuous aggregates are materialized here
        with step(conn, "wipe"):
            emptied, removed = conn.execute("SELECT * FROM aquasql.wipe(%s)", [all_data]).fetchone()
            # no run left to finish: the next seed starts afresh
            conn.execute("DELETE FROM aquasql.run_progress")
            conn.execute("TRUNCATE aquasql.loaded_batch")
        materialize_continuous(
            conn,
            conn.execute(
                "SELECT r.rollup_name, aquasql.rollup_kind(r.rollup_name), 0 FROM aquasql.rollup_definitions() AS r"
            ).fetchall(),
        )
    out.print(
        f"wiped database {ident(db)}: {removed:,} batches removed, {emptied} tables emptied"
        + ("" if all_data else "; infrastructure and master data kept")
    )
