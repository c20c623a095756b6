"""The `aquasql` command line."""

import typer

from . import __version__, db_commands
from .batch_command import batch
from .migrate_command import migrate
from .profiles_command import profiles
from .render_command import render
from .rollups import refresh
from .seed_command import plan, seed
from .status_command import status
from .verify_command import verify
from .wipe_command import wipe

app = typer.Typer(
    name="aquasql",
    help="Generate years of realistic salmon-farming history (AquaMind schema) inside "
    "PostgreSQL/TimescaleDB with set-based SQL. Without --dsn, commands use an embedded "
    "cluster that aquasql starts itself.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_commands.app, name="db")
app.command()(migrate)
app.command()(profiles)
app.command()(seed)
app.command()(plan)
app.command()(batch)
app.command()(verify)
app.command()(wipe)
app.command()(status)
app.command()(render)
app.command()(refresh)


def _version(value: bool):
    if value:
        print(f"aquasql {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
):
    pass
