"""Options that choose what to generate: profile, seed, run date, schedule size."""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Optional

import typer


def _saturation(value: Optional[float]) -> Optional[float]:
    if value is not None and not 0 < value <= 1:
        raise typer.BadParameter(f"must be in (0, 1], got {value}")
    return value


Profile = Annotated[str, typer.Option(help="Infrastructure layout (see 'aquasql profiles').")]
Seed = Annotated[int, typer.Option(help="PRNG seed: the same seed gives the same data.")]
AsOf = Annotated[
    Optional[dt.datetime],
    typer.Option("--as-of", formats=["%Y-%m-%d"], help="Run date (YYYY-MM-DD): history ends here. Default: today.",
                 show_default=False),
]
Batches = Annotated[
    Optional[int],
    typer.Option(min=1, help="Batches per geography. Default: the profile's (full: 85).", show_default=False),
]
Stagger = Annotated[
    Optional[int],
    typer.Option(min=1, help="Days between batch starts. Default: the profile's (full: 30).", show_default=False),
]
Saturation = Annotated[
    Optional[float],
    typer.Option(callback=_saturation, show_default=False,
                 help="Instead of --stagger: target utilisation in (0, 1] of the binding resource "
                 "(stations or sea areas); the stagger is derived from it."),
]
Replace = Annotated[
    bool, typer.Option("--replace", help="Replace the batches already in the database (and all generated from them).")
]


def as_of_date(value: Optional[dt.datetime]) -> dt.date:
    return value.date() if value else dt.date.today()

DEFAULT_WORKERS = max(1, os.cpu_count() or 1)
Workers = Annotated[int, typer.Option(min=1, help="Parallel sessions generating batches. Default: CPU count.")]
WithIndividuals = Annotated[
    bool, typer.Option("--with-individuals", help="Also write one row per sampled fish (batch_individualgrowthobservation).")
]
