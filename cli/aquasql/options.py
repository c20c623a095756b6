"""Options shared by every command that talks to a database."""

from typing import Annotated

import typer

Dsn = Annotated[
    str | None,
    typer.Option(
        "--dsn",
        help="PostgreSQL connection string. Default: $DATABASE_URL, then the standard PG* variables, "
        "else the embedded cluster (started if needed).",
        show_default=False,
    ),
]


def _aquamind_version(value: str | None) -> str | None:
    from .migrations import supported_versions  # the versions are the folders of migrations/aquamind

    if value is not None and value not in (known := supported_versions()):
        raise typer.BadParameter(f"unknown AquaMind version {value!r}; supported: {', '.join(known)}")
    return value


AquamindVersion = Annotated[
    str | None,
    typer.Option(
        "--aquamind-version",
        callback=_aquamind_version,
        help="AquaMind version of the schema to build in an empty database: cb41030 (default) or c6cd7d5. "
        "An AquaMind database keeps the version its django_migrations rows say.",
        show_default=False,
    ),
]
