"""`aquasql seed` and `aquasql plan`: generate the history, step by step."""

from __future__ import annotations

import enum
import time
from contextlib import contextmanager
from typing import Annotated

import psycopg
import typer
from rich.table import Table

from . import generate, run_progress
from .connection import connect, resolve_dsn
from .console import err, out, reports_errors, set_quiet
from .errors import AquasqlError, AquasqlUsageError
from .load import load_batches, restore_interrupted_load
from .migrations import Migrator
from .options import Dsn
from .run_lock import is_locked, lock_holder, run_lock
from .run_options import (
    DEFAULT_WORKERS,
    AsOf,
    Batches,
    Profile,
    Replace,
    Saturation,
    Seed,
    Stagger,
    WithIndividuals,
    Workers,
    as_of_date,
)
from .sqlcall import phases, record_phase, reset_phases, step


class Step(str, enum.Enum):
    infrastructure = "infrastructure"
    plan = "plan"
    generate = "generate"


@contextmanager
def prepared_connection(
    dsn: str | None,
    spec: generate.RunSpec,
    command: str,
    strict: bool = False,
    geography: str | None = None,
    workers: int = 1,
    dry_run: bool = False,
):
    """Connect holding the run lock, check the input, bring the schema and functions up to date.

    Everything that can be refused is refused before the migrations write anything. Keys and
    indexes an interrupted load left set aside are restored from `workers` sessions. A dry run
    writes nothing that stays, so it takes no lock; it is refused while a run works on the
    database, since it plans in the database's own plan tables and would stall that run.
    """
    started = time.perf_counter()
    resolved = resolve_dsn(dsn)
    with connect(resolved) as conn, refuse_while_locked(conn) if dry_run else run_lock(conn, command):
        generate.check_profile(conn, spec.profile, geography)
        migrator = Migrator(conn)
        target = migrator.target()  # reads only: refuses a database aquasql cannot write into
        if strict:
            refuse_strict_on_aquamind(target)
        migrator.run()
        record_phase("connecting, schema and functions up to date", time.perf_counter() - started)
        restore_interrupted_load(conn, resolved, workers)
        yield conn


def planning_spec(profile, seed, as_of, batches, stagger, saturation, replace) -> generate.RunSpec:
    """The plan's arguments, checked: --stagger and --saturation are two ways to say one thing."""
    if stagger is not None and saturation is not None:
        raise AquasqlUsageError("give either --stagger or --saturation, not both")
    return generate.RunSpec(profile, seed, as_of_date(as_of), batches, stagger, saturation, replace)


def planning_options(spec: generate.RunSpec) -> dict:
    """The plan's options as a run records them (aquasql.run_progress), to recognise the same command."""
    return {
        "profile": spec.profile,
        "seed": spec.seed,
        "as_of": spec.as_of.isoformat(),
        "batches": spec.batches,
        "stagger": spec.stagger,
        "saturation": spec.saturation,
    }


@contextmanager
def refuse_while_locked(conn):
    """Go on only while no aquasql run works on the database; neither take nor wait for its lock."""
    if is_locked(conn):
        raise AquasqlError(
            f"another aquasql run is working on this database: {lock_holder(conn)}; a dry run plans in the "
            "database's own plan tables and would hold that run up",
            "dry-run when it has finished, or against another database (--dsn to an empty one)",
        )
    yield


@reports_errors
def seed(
    dsn: Dsn = None,
    profile: Profile = "full",
    seed: Seed = 42,
    as_of: AsOf = None,
    batches: Batches = None,
    stagger: Stagger = None,
    saturation: Saturation = None,
    replace: Replace = False,
    only: Annotated[Step | None, typer.Option(help="Run just this step.", show_default=False)] = None,
    workers: Workers = DEFAULT_WORKERS,
    with_individuals: WithIndividuals = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="After the load, add aquasql's guarantees as constraints (assignment keys that match "
            "batch and container, no overlapping assignments). Only on a standalone database: refused on an "
            "AquaMind database, whose own inserts they would break.",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress output (no live display, progress lines or summary); errors are "
            "still printed, and the schedule summary still goes to stdout.",
        ),
    ] = False,
):
    """Generate the history: infrastructure, master data, the plan, every batch's events.

    Infrastructure, master data and plan run in one transaction; batches are generated one
    transaction each by --workers parallel sessions. The same seed gives the same data
    whatever the number of workers. Interrupted, the same command run again goes on from
    the batches already written. At the end a summary on stderr: rows written per family,
    seconds per phase, rows/s.
    """
    started = time.perf_counter()
    set_quiet(quiet)
    reset_phases()
    spec = planning_spec(profile, seed, as_of, batches, stagger, saturation, replace)
    options = {
        **planning_options(spec),
        "only": only.value if only else None,
        "with_individuals": with_individuals,
        "strict": strict,
    }
    rows = None
    with prepared_connection(dsn, spec, "seed", strict=strict, workers=workers) as conn:
        steps = [only] if only else list(Step)
        plans = Step.plan in steps
        resume = (
            run_progress.resumable(conn, "seed", options, replace, plans=plans)
            if plans or Step.generate in steps
            else None
        )
        if plans and not resume:
            with step(conn, "infrastructure, master data and plan"):
                totals = generate.infrastructure(conn, spec)
                planned = generate.plan(conn, spec, with_infrastructure=False)
                run_progress.record(conn, "seed", options, finished=Step.generate not in steps and not strict)
            err.print("    " + ", ".join(f"{n:,} {item}" for item, n in totals))
            err.print(f"    {planned} batches planned up to {spec.as_of}")
            print_summary(generate.plan_summary(conn))
        elif Step.infrastructure in steps and not resume:
            with step(conn, "infrastructure and master data"):
                totals = generate.infrastructure(conn, spec)
            err.print("    " + ", ".join(f"{n:,} {item}" for item, n in totals))
        if Step.generate in steps:
            rows = load_batches(
                conn,
                resolve_dsn(dsn),
                workers,
                with_individuals,
                resume=resume,
                restart=None if plans else ("seed", options),
            ).rows
        if strict:
            with step(conn, "adding the strict constraints"):
                added = conn.execute("SELECT aquasql.add_strict_constraints()").fetchone()[0]
            err.print(f"    {added} constraints added and validated")
        if plans or Step.generate in steps:
            run_progress.finished(conn)
    print_run_summary(rows, phases(), time.perf_counter() - started)


def print_run_summary(rows: dict[str, int] | None, steps: list[tuple[str, float]], seconds: float) -> None:
    """On stderr (stdout may carry the schedule): rows per family, seconds per phase, total and rows/s."""
    total = sum(rows.values()) if rows else 0
    if rows is not None:
        table = Table("generated table (family)", "rows", title="Rows written by this run")
        for family, n in sorted(rows.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(family, f"{n:,}")
        table.add_section()
        table.add_row("total", f"{total:,}")
        err.print(table)
    table = Table("phase", "seconds", title="Seconds per phase")
    for label, s in steps:
        table.add_row(label, f"{s:.1f}")
    table.add_section()
    table.add_row("total, end to end", f"{seconds:.1f}")
    err.print(table)
    if rows is not None:
        err.print(f"  {total:,} rows in {seconds:.1f} s end to end: {total / max(seconds, 1e-9):,.0f} rows/s")


def refuse_strict_on_aquamind(target) -> None:
    """Say before anything is written that --strict cannot be had here."""
    if target.kind != "standalone":
        raise AquasqlError(
            f"--strict refused: this is an AquaMind database (at {target.version}), and the strict constraints "
            "would break AquaMind's own inserts (events without an assignment, mixed batches)",
            "leave --strict out, or seed a new, empty database (aquasql builds AquaMind's schema there)",
        )


@reports_errors
def plan(
    dsn: Dsn = None,
    profile: Profile = "full",
    seed: Seed = 42,
    as_of: AsOf = None,
    batches: Batches = None,
    stagger: Stagger = None,
    saturation: Saturation = None,
    replace: Replace = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the schedule summary; write nothing.")] = False,
):
    """Plan the batches (and their infrastructure if missing) and print the schedule summary."""
    spec = planning_spec(profile, seed, as_of, batches, stagger, saturation, replace or dry_run)
    options = planning_options(spec)
    with prepared_connection(dsn, spec, "plan", dry_run=dry_run) as conn:
        if not (replace or dry_run):
            run_progress.resumable(conn, "plan", options, replace, plans=True)  # refuses over an unfinished run
        with step(conn, "plan (dry run)" if dry_run else "plan"):
            generate.plan(conn, spec)
            rows = generate.plan_summary(conn)
            if dry_run:
                raise psycopg.Rollback()  # leaves the step's transaction without writing
            run_progress.record(conn, "plan", options, finished=True)
        print_summary(rows)


def print_summary(rows: list[tuple]) -> None:
    table = Table("section", "geography", "item", "value", title="Schedule")
    for section, geography, item, value in rows:
        table.add_row(section, geography or "", item, value)
    out.print(table)
