"""Options that choose what to generate: profile, seed, run date, schedule size."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated

import typer

# Bounds of the options that size a run: beyond them a run is a typo, not a history.
MAX_BATCHES = 1000  # per geography
MAX_STAGGER_DAYS = 3650
MAX_WORKERS = 64
MAX_EGGS = 20_000_000
MAX_DAYS = 3650
SEED_RANGE = (-(2**63), 2**63 - 1)  # the PRNG's seed is a bigint
# Histories start in 2000 or later (the planner refuses older starts) and end by 2100.
FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


def _saturation(value: float | None) -> float | None:
    if value is not None and not 0 < value <= 1:
        raise typer.BadParameter(f"must be in (0, 1], got {value}")
    return value


def _run_date(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and not FIRST_DATE <= value.date() <= LAST_DATE:
        raise typer.BadParameter(
            f"must lie between {FIRST_DATE} and {LAST_DATE} (histories start in 2000 or later), got {value.date()}"
        )
    return value


Profile = Annotated[str, typer.Option(help="Infrastructure layout (see 'aquasql profiles').")]
Seed = Annotated[
    int, typer.Option(min=SEED_RANGE[0], max=SEED_RANGE[1], help="PRNG seed: the same seed gives the same data.")
]
AsOf = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        callback=_run_date,
        help="Run date (YYYY-MM-DD, 2000 to 2100): history ends here. Default: today.",
        show_default=False,
    ),
]
Batches = Annotated[
    int | None,
    typer.Option(
        min=1,
        max=MAX_BATCHES,
        help=f"Batches per geography (at most {MAX_BATCHES}). Default: the profile's (full: 85).",
        show_default=False,
    ),
]
Stagger = Annotated[
    int | None,
    typer.Option(
        min=1,
        max=MAX_STAGGER_DAYS,
        help="Days between batch starts. Default: the profile's (full: 30).",
        show_default=False,
    ),
]
Saturation = Annotated[
    float | None,
    typer.Option(
        callback=_saturation,
        show_default=False,
        help="Instead of --stagger: target utilisation in (0, 1] of the binding resource "
        "(stations or sea areas); the stagger is derived from it.",
    ),
]
Replace = Annotated[
    bool, typer.Option("--replace", help="Replace the batches already in the database (and all generated from them).")
]


def as_of_date(value: dt.datetime | None) -> dt.date:
    """--as-of, else today in UTC (the date the database's plan() defaults to as well)."""
    return value.date() if value else dt.datetime.now(dt.UTC).date()


DEFAULT_WORKERS = min(MAX_WORKERS, max(1, os.cpu_count() or 1))
Workers = Annotated[
    int,
    typer.Option(
        min=1,
        max=MAX_WORKERS,
        help="Parallel sessions generating batches, then building indexes and "
        f"keys (at most {MAX_WORKERS}). Default: CPU count.",
    ),
]
WithIndividuals = Annotated[
    bool,
    typer.Option("--with-individuals", help="Also write one row per sampled fish (batch_individualgrowthobservation)."),
]
