"""`aquasql seed` and `aquasql plan`: generate the history, step by step."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import psycopg
import typer
from rich.table import Table

from . import generate
from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .migrations import Migrator
from .load import load_batches, restore_interrupted_load
from .options import Dsn
from .run_options import (
    DEFAULT_WORKERS, AsOf, Batches, Profile, Replace, Saturation, Seed, Stagger, WithIndividuals, Workers,
    as_of_date,
)
from .sqlcall import step


class Step(str, enum.Enum):
    infrastructure = "infrastructure"
    plan = "plan"
    generate = "generate"


def prepared_connection(dsn: Optional[str], spec: generate.RunSpec):
    """Connect, bring the schema and functions up to date, and check the profile."""
    conn = connect(resolve_dsn(dsn))
    Migrator(conn).run()
    generate.check_profile(conn, spec.profile)
    restore_interrupted_load(conn)
    return conn


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
    only: Annotated[Optional[Step], typer.Option(help="Run just this step.", show_default=False)] = None,
    workers: Workers = DEFAULT_WORKERS,
    with_individuals: WithIndividuals = False,
):
    """Generate the history: infrastructure, master data, the plan, every batch's events.

    Infrastructure and plan each run in one transaction; batches are generated one
    transaction each by --workers parallel sessions. The same seed gives the same data
    whatever the number of workers.
    """
    spec = generate.RunSpec(profile, seed, as_of_date(as_of), batches, stagger, saturation, replace)
    with prepared_connection(dsn, spec) as conn:
        steps = [only] if only else list(Step)
        if Step.infrastructure in steps:
            with step(conn, "infrastructure and master data"):
                totals = generate.infrastructure(conn, spec)
            err.print("    " + ", ".join(f"{n:,} {item}" for item, n in totals))
        if Step.plan in steps:
            with step(conn, "plan"):
                planned = generate.plan(conn, spec)
            err.print(f"    {planned} batches planned up to {spec.as_of}")
            print_summary(generate.plan_summary(conn))
        if Step.generate in steps:
            load_batches(conn, resolve_dsn(dsn), workers, with_individuals)


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
    spec = generate.RunSpec(profile, seed, as_of_date(as_of), batches, stagger, saturation, replace or dry_run)
    with prepared_connection(dsn, spec) as conn:
        with step(conn, "plan (dry run)" if dry_run else "plan"):
            generate.plan(conn, spec)
            rows = generate.plan_summary(conn)
            if dry_run:
                raise psycopg.Rollback()  # leaves the step's transaction without writing
        print_summary(rows)


def print_summary(rows: list[tuple]) -> None:
    table = Table("section", "geography", "item", "value", title="Schedule")
    for section, geography, item, value in rows:
        table.add_row(section, geography or "", item, value)
    out.print(table)


