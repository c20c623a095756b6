"""`aquasql render`: write the whole seed as one SQL script (no database needed)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .console import err, reports_errors
from .errors import AquasqlError
from .migrations import DEFAULT_AQUAMIND_VERSION
from .options import AquamindVersion
from .render import RenderSpec
from .render import render as render_script
from .run_options import AsOf, Batches, Profile, Saturation, Seed, Stagger, WithIndividuals, as_of_date


@reports_errors
def render(
    profile: Profile = "full",
    seed: Seed = 42,
    as_of: AsOf = None,
    batches: Batches = None,
    stagger: Stagger = None,
    saturation: Saturation = None,
    with_individuals: WithIndividuals = False,
    aquamind_version: AquamindVersion = None,
    timescaledb: Annotated[
        str, typer.Option(help="on: the script creates TimescaleDB (hypertables); off: plain tables.")
    ] = "on",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the script here. Default: stdout.", show_default=False)
    ] = None,
):
    """Write one self-contained SQL script that seeds an empty database, for psql.

    The script builds AquaMind's schema, aquasql's schema and functions (recorded as the
    migrations runner records them, so a later `aquasql migrate` sees it as migrated), then
    calls aquasql.seed() with these options, all in one transaction. It gives the same rows as
    `aquasql seed` with the same options. Run it with:
    psql -v ON_ERROR_STOP=1 -f seed.sql DATABASE_URL
    """
    if timescaledb not in ("on", "off"):
        raise AquasqlError(f"--timescaledb must be on or off, got {timescaledb!r}")
    spec = RenderSpec(
        profile=profile,
        seed=seed,
        as_of=as_of_date(as_of),
        batches=batches,
        stagger=stagger,
        saturation=saturation,
        with_individuals=with_individuals,
        aquamind_version=aquamind_version or DEFAULT_AQUAMIND_VERSION,
        timescaledb=timescaledb == "on",
    )
    script = render_script(spec)
    if output is None:
        sys.stdout.write(script)
        sys.stdout.flush()
    else:
        output.write_text(script)
        err.print(f"  wrote {output} ({len(script):,} bytes): psql -v ON_ERROR_STOP=1 -f {output} DATABASE_URL")
