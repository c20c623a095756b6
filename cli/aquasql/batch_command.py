"""`aquasql batch`: one batch from a start date, for a quick look at the model."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.table import Table

from . import generate, run_progress
from .connection import resolve_dsn
from .console import out, reports_errors
from .load import load_batches
from .options import Dsn
from .run_options import FIRST_DATE, MAX_DAYS, MAX_EGGS, Profile, Seed, WithIndividuals, Workers
from .seed_command import prepared_connection
from .sqlcall import step


def _start_date(value: dt.datetime) -> dt.datetime:
    today = dt.datetime.now(dt.UTC).date()
    if not FIRST_DATE <= value.date() <= today:
        raise typer.BadParameter(
            f"must lie between {FIRST_DATE} and today ({today}): a batch's history starts "
            f"in 2000 or later and no later than the run date, got {value.date()}"
        )
    return value


@reports_errors
def batch(
    start_date: Annotated[
        dt.datetime,
        typer.Option(
            "--start-date", formats=["%Y-%m-%d"], callback=_start_date, help="Egg delivery date (2000 to today)."
        ),
    ],
    eggs: Annotated[int, typer.Option(min=1, max=MAX_EGGS, help="Eggs delivered.")] = 3_500_000,
    geography: Annotated[str, typer.Option(help="Geography of the station and sea area.")] = "Faroe Islands",
    days: Annotated[int, typer.Option(min=1, max=MAX_DAYS, help="Days of history from the start date.")] = 200,
    seed: Seed = 42,
    profile: Profile = "full",
    dsn: Dsn = None,
    workers: Workers = 1,
    with_individuals: WithIndividuals = False,
):
    """Generate one batch from a start date for a number of days (a quick check of the model).

    Replaces any batches already in the database; the infrastructure is created if missing.
    Interrupted, the same command run again goes on from where it stopped.
    """
    spec = generate.RunSpec(profile, seed, start_date.date() + dt.timedelta(days=days - 1), batches=1, replace=True)
    options = {
        "start_date": start_date.date().isoformat(),
        "eggs": eggs,
        "geography": geography,
        "days": days,
        "seed": seed,
        "profile": profile,
        "with_individuals": with_individuals,
    }
    with prepared_connection(dsn, spec, "batch", geography=geography) as conn:
        # batch always replaces: an unfinished run of another command is started over
        resume = run_progress.resumable(conn, "batch", options, replace=False, plans=False)
        if not resume:
            with step(conn, "plan"):
                generate.infrastructure(conn, spec)
                conn.execute(
                    "SELECT aquasql.plan(%s, %s, %s, 1, p_replace => true, p_geography => %s,"
                    " p_start_date => %s, p_eggs => %s)",
                    [profile, seed, spec.as_of, geography, start_date.date(), eggs],
                )
                run_progress.record(conn, "batch", options)
        load_batches(conn, resolve_dsn(dsn), workers, with_individuals, resume=resume)
        run_progress.finished(conn)
        print_batch_summary(conn)


def print_batch_summary(conn) -> None:
    table = Table("day", "date", "stage", "fish", "mean weight g", "biomass kg", "feed kg (to date)", title="Batch")
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
