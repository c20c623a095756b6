"""`aquasql profiles`: the infrastructure layouts to choose from, with their sizes."""

from rich.table import Table

from .connection import connect, resolve_dsn
from .console import out, reports_errors
from .migrations import Migrator
from .options import Dsn


@reports_errors
def profiles(dsn: Dsn = None):
    """List the profiles (infrastructure layouts) and what each one builds."""
    with connect(resolve_dsn(dsn)) as conn:
        Migrator(conn).run()
        cursor = conn.execute("SELECT * FROM aquasql.profile_sizes()")
        columns = [c.name.replace("_", " ") for c in cursor.description]
        rows = cursor.fetchall()
    table = Table(*(c for c in columns if c != "description"))
    for row in rows:
        table.add_row(
            *(
                f"{v:,}" if isinstance(v, int) else str(v)
                for c, v in zip(columns, row, strict=True)
                if c != "description"
            )
        )
    out.print(table)
    for row in rows:
        out.print(f"{row[0]}: {row[1]}")
