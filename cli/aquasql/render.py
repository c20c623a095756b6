"""`aquasql render`: the whole seed as one plain SQL script a DBA runs with psql.

The script does to an empty database what `aquasql seed --workers 1` does: AquaMind's schema
(migrations/aquamind/<version>/ and its django_migrations rows), aquasql's own migrations, the
generator's sql/ files, the runner's bookkeeping rows, then `SELECT * FROM aquasql.seed(...)`.
It is rendered from templates/seed.sql.j2 with the runner's own file lists, checksums and
constants (cli/aquasql/migrations.py), so a later `aquasql migrate` finds nothing to do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import jinja2

from . import __version__
from .migrations import (
    BOOKKEEPING,
    DEFAULT_AQUAMIND_VERSION,
    VERSION_DATES,
    ScriptFile,
    aquamind_files,
    aquamind_path,
    check_version,
    discover_migrations,
    discover_sql,
    django_rows,
)
from .paths import resource_dir


@dataclass
class RenderSpec:
    profile: str
    seed: int
    as_of: dt.date
    batches: int | None = None
    stagger: int | None = None
    saturation: float | None = None
    with_individuals: bool = False
    aquamind_version: str = DEFAULT_AQUAMIND_VERSION
    timescaledb: bool = True

    def seed_arguments(self) -> list[tuple[str, object]]:
        """aquasql.seed()'s named arguments: the given ones, in its parameter order."""
        args: list[tuple[str, object]] = [
            ("profile", self.profile),
            ("seed", self.seed),
            ("as_of", self.as_of.isoformat()),
        ]
        for name in ("batches", "stagger", "saturation"):
            if getattr(self, name) is not None:
                args.append((name, getattr(self, name)))
        if self.with_individuals:
            args.append(("with_individuals", True))
        return args

    def command_line(self) -> str:
        parts = [f"--profile {self.profile}", f"--seed {self.seed}", f"--as-of {self.as_of.isoformat()}"]
        for name in ("batches", "stagger", "saturation"):
            if getattr(self, name) is not None:
                parts.append(f"--{name} {getattr(self, name)}")
        if self.with_individuals:
            parts.append("--with-individuals")
        parts += [f"--aquamind-version {self.aquamind_version}", f"--timescaledb {'on' if self.timescaledb else 'off'}"]
        return " ".join(parts)


def sql_literal(value) -> str:
    """A value as an SQL literal (standard_conforming_strings on, as the script sets)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


@dataclass(frozen=True)
class Part:
    """One file as the template sees it: name, text (ending in a newline), checksum, version, and
    the path the runner records (AquaMind's files: <version>/<file>)."""

    name: str
    text: str
    checksum: str
    version: int | None
    path: str

    @classmethod
    def of(cls, script: ScriptFile, path: str | None = None) -> Part:
        text = script.text()
        return cls(
            script.name,
            text if text.endswith("\n") else text + "\n",
            script.checksum,
            script.version,
            path or script.name,
        )


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sql"] = sql_literal
    return env


def render(spec: RenderSpec) -> str:
    version = check_version(spec.aquamind_version)
    return (
        environment()
        .get_template("seed.sql.j2")
        .render(
            aquasql_version=__version__,
            render_args=spec.command_line(),
            profile=spec.profile,
            seed=spec.seed,
            as_of=spec.as_of.isoformat(),
            aquamind_version=version,
            timescaledb=spec.timescaledb,
            bookkeeping=BOOKKEEPING.strip() + "\n",
            # the runner's own list and order (a version built on a BASE version runs that one's first)
            aquamind_files=[Part.of(f, aquamind_path(f)) for f in aquamind_files(version)],
            django_rows=django_rows(version),
            applied=VERSION_DATES[version],
            migrations=[Part.of(f) for f in discover_migrations()],
            sql_files=[Part.of(f) for f in discover_sql()],
            seed_arguments=spec.seed_arguments(),
        )
    )
