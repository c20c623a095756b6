"""Options shared by every command that talks to a database."""

from typing import Annotated, Optional

import typer

Dsn = Annotated[
    Optional[str],
    typer.Option(
        "--dsn",
        help="PostgreSQL connection string. Default: $DATABASE_URL, then the standard PG* variables, "
        "else the embedded cluster (started if needed).",
        show_default=False,
    ),
]
