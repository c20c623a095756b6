"""`aquasql db …`: the embedded PostgreSQL cluster."""

from typing import Annotated

import typer

from .connection import connect
from .console import err, out, reports_errors
from .embedded import EmbeddedCluster

app = typer.Typer(
    help="Manage the embedded PostgreSQL cluster (data under $AQUASQL_HOME). "
    "Commands without --dsn use it and start it when needed.",
    no_args_is_help=True,
)


@app.command()
@reports_errors
def start(
    port: Annotated[
        int | None, typer.Option(help="Port on 127.0.0.1. Default: the last one used, else a free one.")
    ] = None,
):
    """Create (initdb) and start the embedded cluster; print its DSN."""
    cluster = EmbeddedCluster()
    was_running = cluster.is_running()
    dsn = cluster.start(port)
    err.print(f"embedded cluster {'already running' if was_running else 'started'} ({cluster.data_dir})")
    out.print(dsn)


@app.command()
@reports_errors
def stop():
    """Stop the embedded cluster (its data stays)."""
    cluster = EmbeddedCluster()
    out.print("stopped" if cluster.stop() else "not running")


@app.command()
@reports_errors
def url():
    """Print the embedded cluster's DSN (for psql, --dsn or DATABASE_URL)."""
    out.print(EmbeddedCluster().dsn())


@app.command()
@reports_errors
def status():
    """Say whether the embedded cluster runs, where, which PostgreSQL and which TimescaleDB edition."""
    cluster = EmbeddedCluster()
    st = cluster.status()
    out.print(f"state:       {'running' if st.running else ('stopped' if st.initialised else 'not created')}")
    out.print(f"data dir:    {st.data_dir}")
    out.print(f"binaries:    {st.bindir} (PostgreSQL {st.pg_version})")
    if not st.running:
        installed = "installed" if cluster.timescaledb_installed() else "not installed"
        out.print(f"timescaledb: {installed} on this machine")
        return
    out.print(f"dsn:         {cluster.dsn()}")
    with connect(cluster.dsn()) as conn:
        out.print(f"server:      {conn.execute('SHOW server_version').fetchone()[0]}")
        out.print(f"timescaledb: {timescaledb_edition(conn)}")


def timescaledb_edition(conn) -> str:
    """none / Apache / Community: the license setting once the extension is created in the
    database, else what the server has preloaded."""
    row = conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'").fetchone()
    if row:
        license_ = conn.execute("SHOW timescaledb.license").fetchone()[0]
        return f"{'Apache' if license_ == 'apache' else 'Community'} {row[0]}"
    preloaded = conn.execute("SELECT current_setting('shared_preload_libraries')").fetchone()[0]
    available = conn.execute(
        "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'"
    ).fetchone()
    if available and "timescaledb" in preloaded:
        return f"{EmbeddedCluster().timescaledb_edition_on_disk()} {available[0]} (not created in this database yet)"
    return "none"
