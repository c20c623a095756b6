"""`aquasql migrate`: apply the schema migrations and the generator's SQL functions."""

from typing import Annotated

import typer
from rich.table import Table

from .connection import connect, resolve_dsn
from .console import err, out, reports_errors
from .migrations import Migrator, aquamind_path
from .options import AquamindVersion, Dsn


def _timescaledb_mode(value: str) -> str:
    if value not in ("auto", "on", "off"):
        raise typer.BadParameter(f"--timescaledb must be auto, on or off, got {value!r}")
    return value


@reports_errors
def migrate(
    dsn: Dsn = None,
    status: Annotated[bool, typer.Option("--status", help="List applied and pending files; change nothing.")] = False,
    timescaledb: Annotated[
        str,
        typer.Option(
            help="auto: use TimescaleDB when the server has it; on: require it; off: plain tables.",
            callback=_timescaledb_mode,
        ),
    ] = "auto",
    aquamind_version: AquamindVersion = None,
):
    """Build or recognise AquaMind's schema, apply aquasql's own migrations, (re)load sql/.

    On an empty database this builds AquaMind's schema (every table, with its
    django_migrations rows) at --aquamind-version; on a database AquaMind's own migrations
    made, it reads the version from django_migrations and changes nothing outside schema
    aquasql. Each file runs in its own transaction and is recorded with its checksum; a
    changed migration file is refused.
    """
    with connect(resolve_dsn(dsn)) as conn:
        migrator = Migrator(conn, timescaledb, aquamind_version)
        if status:
            show_status(migrator)
            return
        applied, reloaded, mode = migrator.run(on_step=lambda f: err.print(f"  applying {f.name}"))
        out.print(
            f"{migrator.target().label}: {len(applied)} migration(s) applied, {len(reloaded)} sql file(s) loaded; "
            f"TimescaleDB {'on' if timescaledb_created(conn) else 'off'}"
            + ("" if applied or reloaded else " — already up to date")
        )


def timescaledb_created(conn) -> bool:
    return conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'").fetchone() is not None


def show_status(migrator: Migrator) -> None:
    state = migrator.state()
    out.print(state.target.label + ("" if state.target.built else " (to be built)"))
    table = Table("file", "state")
    for f in state.aquamind_pending:
        table.add_row(f"aquamind/{aquamind_path(f)}", "pending")
    for m in migrator.migrations:
        table.add_row(m.name, "applied" if m.version in state.applied else "pending")
    for f in migrator.sql_files:
        if f.name not in state.sql_applied:
            label = "pending"
        else:
            label = "changed, will reload" if f in state.sql_pending else "loaded"
        table.add_row(f"sql/{f.name}", label)
    out.print(table)
    out.print(f"{len(state.pending)} migration(s) pending, {len(state.sql_pending)} sql file(s) to load")
