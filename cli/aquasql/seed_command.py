"""`aquasql seed` and `aquasql plan`: generate the history, step by step."""

from __future__ import annotations

import datetime as dt
import enum
import os
import time
from typing import Annotated, Optional

import psycopg
import typer
from rich.table import Table

from . import generate
from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .migrations import Migrator
from .options import Dsn
from .run_options import AsOf, Batches, Profile, Replace, Saturation, Seed, Stagger, as_of_date
from .orchestrate import build_indexes, generate_batches
from .sqlcall import step

DEFAULT_WORKERS = max(1, os.cpu_count() or 1)
Workers = Annotated[int, typer.Option(min=1, help="Parallel sessions generating batches. Default: CPU count.")]
WithIndividuals = Annotated[
    bool, typer.Option("--with-individuals", help="Also write one row per sampled fish (batch_individualgrowthobservation).")
]


class Step(str, enum.Enum):
    infrastructure = "infrastructure"
    plan = "plan"
    generate = "generate"


def prepared_connection(dsn: Optional[str], spec: generate.RunSpec):
    """Connect, bring the schema and functions up to date, and check the profile."""
    conn = connect(resolve_dsn(dsn))
    Migrator(conn).run()
    generate.check_profile(conn, spec.profile)
    interrupted = conn.execute(
        "SELECT (SELECT count(*) FROM aquasql.suspended_constraint) + (SELECT count(*) FROM aquasql.suspended_index)"
    ).fetchone()[0]
    if interrupted:
        err.print("  an earlier load was interrupted: restoring its indexes and foreign keys first")
        restore_indexes(conn)
        restore_foreign_keys(conn)
    return conn


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
    """Generate the history: infrastructure and master data, the batch plan, then every
    batch's lifecycle and events.

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
            generate_all(conn, resolve_dsn(dsn), workers, with_individuals)


# Tables whose secondary indexes are built once after the load instead of row by row: no
# generator reads them back while batches load.
INDEX_SUSPENDED_TABLES = ["environmental_environmentalreading"]


def generate_all(conn, dsn: str, workers: int, with_individuals: bool) -> None:
    started = time.perf_counter()
    batch_ids = generate.planned_batches(conn)
    with step(conn, "preparing the load (generated rows cleared, foreign keys and reading indexes set aside)"):
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


@reports_errors
def batch(
    start_date: Annotated[dt.datetime, typer.Option("--start-date", formats=["%Y-%m-%d"], help="Egg delivery date.")],
    eggs: Annotated[int, typer.Option(min=1, help="Eggs delivered.")] = 3_500_000,
    geography: Annotated[str, typer.Option(help="Geography of the station and sea area.")] = "Faroe Islands",
    days: Annotated[int, typer.Option(min=1, help="Days of history from the start date.")] = 200,
    seed: Seed = 42,
    profile: Profile = "full",
    dsn: Dsn = None,
    workers: Workers = 1,
    with_individuals: WithIndividuals = False,
):
    """Generate one batch from a start date for a number of days (a quick check of the model).

    Replaces any batches already in the database; the infrastructure is created if missing.
    """
    spec = generate.RunSpec(profile, seed, start_date.date() + dt.timedelta(days=days - 1),
                            batches=1, replace=True)
    with prepared_connection(dsn, spec) as conn:
        with step(conn, "plan"):
            generate.infrastructure(conn, spec)
            conn.execute(
                "SELECT aquasql.plan(%s, %s, %s, 1, p_replace => true, p_geography => %s,"
                " p_start_date => %s, p_eggs => %s)",
                [profile, seed, spec.as_of, geography, start_date.date(), eggs],
            )
        generate_all(conn, resolve_dsn(dsn), workers, with_individuals)
        print_batch_summary(conn)


def print_batch_summary(conn) -> None:
    table = Table("day", "date", "stage", "fish", "mean weight g", "biomass kg", "feed kg (to date)",
                  title="Batch")
    rows = conn.execute(
        """
        WITH daily AS (
            SELECT s.day_number, s.date, st.name AS stage, sum(s.population) AS fish,
                   max(s.avg_weight_g) AS weight, sum(s.biomass_kg) AS biomass,
                   sum(sum(s.feed_kg)) OVER (ORDER BY s.day_number) AS feed_to_date
            FROM batch_actualdailyassignmentstate AS s
            JOIN batch_lifecyclestage AS st ON st.id = s.lifecycle_stage_id
            GROUP BY s.day_number, s.date, st.name
        )
        SELECT day_number, date, stage, fish, weight, biomass, feed_to_date
        FROM daily
        WHERE day_number IN (1, 90, 91, 180, 200, 270, 360, 450, 451, 600, 750, 900)
           OR day_number = (SELECT max(day_number) FROM daily)
        ORDER BY day_number
        """
    ).fetchall()
    for r in rows:
        table.add_row(str(r[0]), str(r[1]), r[2], f"{r[3]:,}", f"{r[4]:,.2f}", f"{r[5]:,.0f}", f"{r[6]:,.0f}")
    out.print(table)
