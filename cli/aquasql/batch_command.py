"""`aquasql batch`: one batch from a start date, for a quick look at the model."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.table import Table

from . import generate
from .connection import resolve_dsn
from .console import out, reports_errors
from .load import load_batches
from .options import Dsn
from .run_options import Profile, Seed, WithIndividuals, Workers
from .seed_command import prepared_connection
from .sqlcall import step


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
        load_batches(conn, resolve_dsn(dsn), workers, with_individuals)
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
