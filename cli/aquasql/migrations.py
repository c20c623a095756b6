"""The migrations runner: ordered, checksummed, one transaction per file; then the sql/ functions.

Two kinds of schema live in a database aquasql writes to:
- aquasql's own schema `aquasql` (migrations/NNNN_*.sql), always;
- AquaMind's public schema. On a database AquaMind's own migrations made (it has
  django_migrations), aquasql leaves it as it is and only reads which version it is. On an
  empty database aquasql builds it itself from migrations/aquamind/<version>/, with
  AquaMind's django_migrations rows, so AquaMind accepts it as its own.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from .errors import AquasqlError, ident
from .paths import migrations_dir, sql_dir
from .run_lock import run_lock

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
DEFAULT_AQUAMIND_VERSION = "cb41030"
# aquasql 0.1 built its own copy of 46 AquaMind tables with these migrations; that schema is
# not AquaMind's, so such a database cannot be upgraded in place.
OLD_LAYOUT_VERSIONS = range(1, 20)

BOOKKEEPING = """
CREATE SCHEMA IF NOT EXISTS aquasql;
CREATE TABLE IF NOT EXISTS aquasql.schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS aquasql.sql_files (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
-- the files of migrations/aquamind/<version>/ applied to build a standalone schema
CREATE TABLE IF NOT EXISTS aquasql.aquamind_schema_file (
    path text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
"""


@dataclass(frozen=True)
class ScriptFile:
    name: str
    path: Path
    checksum: str
    version: int | None = None

    @classmethod
    def load(cls, path: Path, version: int | None = None) -> ScriptFile:
        return cls(path.name, path, hashlib.sha256(path.read_bytes()).hexdigest(), version)

    def text(self) -> str:
        return self.path.read_text()


def numbered_files(directory: Path) -> list[ScriptFile]:
    found: dict[int, ScriptFile] = {}
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise AquasqlError(
                f"migration file name {path.name} does not match NNNN_name.sql", f"rename it in {directory}"
            )
        version = int(match.group(1))
        if version in found:
            raise AquasqlError(f"two migrations share version {version:04d}: {found[version].name}, {path.name}")
        found[version] = ScriptFile.load(path, version)
    return [found[v] for v in sorted(found)]


def discover_migrations(directory: Path | None = None) -> list[ScriptFile]:
    return numbered_files(directory or migrations_dir())


def discover_sql(directory: Path | None = None) -> list[ScriptFile]:
    directory = directory or sql_dir()
    return [ScriptFile.load(p) for p in sorted(directory.glob("*.sql"))]


# -- AquaMind versions ----------------------------------------------------------------------


def aquamind_dir() -> Path:
    return migrations_dir() / "aquamind"


def aquamind_base(version: str) -> str | None:
    """The version whose schema `version` is built on (named by its BASE file); None for a full build."""
    base = aquamind_dir() / version / "BASE"
    return base.read_text().strip() if base.is_file() else None


def aquamind_files(version: str) -> list[ScriptFile]:
    """The files that build AquaMind's schema at a version, in the order they run.

    A version with a BASE file runs its base's files, then its own: those take the schema from the
    base version to this one, as AquaMind's migrations between the two do. The hypertables file
    runs last all the same, once every table has its final columns; a version with a hypertables
    file of its own runs that one instead of its base's.
    """
    base = aquamind_base(version)
    own = numbered_files(aquamind_dir() / version)
    inherited = aquamind_files(base) if base else []
    if any(is_hypertables_file(f) for f in own):
        inherited = [f for f in inherited if not is_hypertables_file(f)]
    files = inherited + own
    last = [f for f in files if is_hypertables_file(f)]
    return [f for f in files if f not in last] + last


def is_hypertables_file(script: ScriptFile) -> bool:
    return script.name.endswith("_hypertables.sql")


def aquamind_path(script: ScriptFile) -> str:
    """A file's name in aquasql.aquamind_schema_file: <version>/<file>, after the directory holding it."""
    return f"{script.path.parent.name}/{script.name}"


def supported_versions() -> list[str]:
    """The AquaMind versions aquasql can build and write into, the default first."""
    found = sorted(p.name for p in aquamind_dir().iterdir() if (p / "django_migrations.csv").is_file())
    return sorted(found, key=lambda v: v != DEFAULT_AQUAMIND_VERSION)


def django_rows(version: str) -> list[tuple[str, str]]:
    """AquaMind's django_migrations rows at a version, in the order its migrate applies them."""
    with open(aquamind_dir() / version / "django_migrations.csv", newline="") as f:
        return [(row["app"], row["name"]) for row in csv.DictReader(f)]


def check_version(version: str) -> str:
    known = supported_versions()
    if version not in known:
        raise AquasqlError(f"unknown AquaMind version {version!r}", f"supported versions: {', '.join(known)}")
    return version


@dataclass(frozen=True)
class Target:
    """The database's public schema as aquasql sees it."""

    kind: str  # 'standalone': aquasql builds AquaMind's schema; 'aquamind': AquaMind's migrations made it
    version: str
    built: bool  # the public schema is in place (standalone: all its files applied)

    @property
    def label(self) -> str:
        where = "standalone AquaMind schema" if self.kind == "standalone" else "AquaMind database"
        return f"{where} at {self.version}"


def version_mismatch(found: set[tuple[str, str]]) -> AquasqlError:
    """The error for a django_migrations table that matches no supported version."""
    known = supported_versions()
    closest = min(known, key=lambda v: len(found ^ set(django_rows(v))))
    rows = set(django_rows(closest))
    missing, extra = sorted(rows - found), sorted(found - rows)

    def sample(items):
        shown = ", ".join(f"{a}.{n}" for a, n in items[:3])
        return shown + (f" and {len(items) - 3} more" if len(items) > 3 else "")

    parts = []
    if missing:
        parts.append(f"lacks {len(missing)} of its migrations ({sample(missing)})")
    if extra:
        parts.append(f"has {len(extra)} it does not ({sample(extra)})")
    return AquasqlError(
        f"this AquaMind database is at a version aquasql does not support (supported: {', '.join(known)}); "
        f"against the closest, {closest}, it " + " and ".join(parts),
        f"migrate AquaMind to {closest} (AquaMind's manage.py migrate at that version), or seed a new database",
    )


# -- the runner -----------------------------------------------------------------------------


@dataclass
class MigrationState:
    target: Target
    applied: dict[int, tuple[str, str]]  # version -> (name, checksum)
    sql_applied: dict[str, str]  # file name -> checksum
    pending: list[ScriptFile]
    sql_pending: list[ScriptFile]
    aquamind_pending: list[ScriptFile]


class Migrator:
    def __init__(self, conn: psycopg.Connection, timescaledb: str = "auto", aquamind_version: str | None = None):
        if timescaledb not in ("auto", "on", "off"):
            raise AquasqlError(f"--timescaledb must be auto, on or off, got {timescaledb!r}")
        self.conn = conn
        self.timescaledb = timescaledb
        self.requested_version = check_version(aquamind_version) if aquamind_version else None
        self.migrations = discover_migrations()
        self.sql_files = discover_sql()

    def _one(self, sql: str, params=None):
        return self.conn.execute(sql, params).fetchone()[0]

    # -- reading state --------------------------------------------------------------------
    def target(self) -> Target:
        """Which AquaMind schema this database has, or will have once migrated."""
        recorded = None
        if self._one("SELECT to_regclass('aquasql.target') IS NOT NULL"):
            recorded = self.conn.execute("SELECT kind, aquamind_version FROM aquasql.target").fetchone()
        if self._one("SELECT to_regclass('aquasql.schema_migrations') IS NOT NULL") and self._one(
            "SELECT count(*) FROM aquasql.schema_migrations WHERE version BETWEEN %s AND %s",
            [OLD_LAYOUT_VERSIONS.start, OLD_LAYOUT_VERSIONS.stop - 1],
        ):
            raise AquasqlError(
                "this database was built by aquasql 0.1, whose copy of AquaMind's tables is not AquaMind's schema",
                "generate into a new, empty database (for the embedded cluster: aquasql db stop, then remove "
                "its home directory, $AQUASQL_HOME)",
            )
        if recorded and recorded[0] == "standalone":
            version = recorded[1]
            self._refuse_other_version(version)
            files = self.aquamind_files(version)
            done = self._aquamind_applied()
            return Target("standalone", version, all(aquamind_path(f) in done for f in files))
        if self._one("SELECT to_regclass('public.django_migrations') IS NOT NULL"):
            found = set(self.conn.execute("SELECT app, name FROM public.django_migrations").fetchall())
            for version in supported_versions():
                if found == set(django_rows(version)):
                    self._refuse_other_version(version)
                    return Target("aquamind", version, True)
            raise version_mismatch(found)
        public_tables = self._one(
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v')"
        )
        if public_tables:
            raise AquasqlError(
                f"schema public holds {public_tables} tables or views, but this is no AquaMind database "
                "(no django_migrations table)",
                "point aquasql at an AquaMind database (made by AquaMind's manage.py migrate) or at an empty database",
            )
        return Target("standalone", self.requested_version or DEFAULT_AQUAMIND_VERSION, False)

    def _refuse_other_version(self, version: str) -> None:
        if self.requested_version and self.requested_version != version:
            raise AquasqlError(
                f"--aquamind-version {self.requested_version} asked for, but this database is at {version}",
                f"leave --aquamind-version out, or use a new database for {self.requested_version}",
            )

    def aquamind_files(self, version: str) -> list[ScriptFile]:
        return aquamind_files(version)

    def _aquamind_applied(self) -> set[str]:
        if not self._one("SELECT to_regclass('aquasql.aquamind_schema_file') IS NOT NULL"):
            return set()
        return {r[0] for r in self.conn.execute("SELECT path FROM aquasql.aquamind_schema_file")}

    def state(self) -> MigrationState:
        target = self.target()
        applied: dict[int, tuple[str, str]] = {}
        sql_applied: dict[str, str] = {}
        if self._one("SELECT to_regclass('aquasql.schema_migrations') IS NOT NULL"):
            for version, name, checksum in self.conn.execute(
                "SELECT version, name, checksum FROM aquasql.schema_migrations ORDER BY version"
            ):
                applied[version] = (name, checksum)
            for name, checksum in self.conn.execute("SELECT name, checksum FROM aquasql.sql_files"):
                sql_applied[name] = checksum
        on_disk = {m.version: m for m in self.migrations}
        for version, (name, checksum) in applied.items():
            migration = on_disk.get(version)
            if migration is None:
                raise AquasqlError(
                    f"migration {name} is applied in the database but missing from {migrations_dir()}",
                    "this database was migrated by a newer aquasql: upgrade aquasql, or use another database",
                )
            if migration.checksum != checksum:
                raise AquasqlError(
                    f"migration {migration.name} was changed after it was applied "
                    f"(applied checksum {checksum[:12]}…, file now {migration.checksum[:12]}…)",
                    "migrations are append-only: restore the file and put the change in a new migration",
                )
        pending = [m for m in self.migrations if m.version not in applied]
        sql_pending = [f for f in self.sql_files if sql_applied.get(f.name) != f.checksum]
        aquamind_pending = []
        if target.kind == "standalone" and not target.built:
            done = self._aquamind_applied()
            aquamind_pending = [f for f in self.aquamind_files(target.version) if aquamind_path(f) not in done]
        return MigrationState(target, applied, sql_applied, pending, sql_pending, aquamind_pending)

    # -- checks before writing anything ---------------------------------------------------
    def preflight(self, state: MigrationState) -> str:
        """Say what is missing before anything is written; return the TimescaleDB mode to use."""
        q = self.conn.execute
        version = self._one("SELECT current_setting('server_version_num')::int")
        if version < 130000:
            raise AquasqlError(f"PostgreSQL 13 or newer is needed, the server is {version // 10000}")
        user, db, superuser, can_create_db, can_create_public = q(
            "SELECT current_user, current_database(), rolsuper,"
            " has_database_privilege(current_database(), 'CREATE'),"
            " has_schema_privilege('public', 'CREATE')"
            " FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        if not (state.pending or state.sql_pending or state.aquamind_pending):
            return self.timescaledb
        schema_exists = self._one("SELECT to_regnamespace('aquasql') IS NOT NULL")
        if not schema_exists and not can_create_db:
            raise AquasqlError(
                f"role {ident(user)} may not create schemas in database {ident(db)}",
                f"connect as the database owner, or have a superuser run: GRANT CREATE ON DATABASE {ident(db)} TO {ident(user)}",
            )
        if state.aquamind_pending and not can_create_public:
            raise AquasqlError(
                f"role {ident(user)} may not create tables in schema public of database {ident(db)}",
                f"have the owner run: GRANT CREATE ON SCHEMA public TO {ident(user)}",
            )
        if state.target.kind == "aquamind":
            # a bulk load sets AquaMind's keys and indexes aside and puts them back: that takes the owner
            not_owned = self._one(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')"
                " AND NOT pg_has_role(current_user, relowner, 'USAGE')"
            )
            if not_owned:
                raise AquasqlError(
                    f"role {ident(user)} does not own {not_owned} of AquaMind's tables in database {ident(db)}",
                    "connect as the role AquaMind migrates with (the tables' owner)",
                )
            return "off"  # aquasql creates no extension in a database AquaMind manages
        mode = self.timescaledb
        ts_ready = self._check_extension(
            "timescaledb", user, db, superuser, can_create_db, required=mode == "on", needs_preload=True
        )
        if mode == "auto":
            mode = "on" if ts_ready else "off"
        return mode

    def _check_extension(self, name, user, db, superuser, can_create_db, required, needs_preload=False) -> bool:
        q = self.conn.execute
        if q("SELECT 1 FROM pg_extension WHERE extname = %s", [name]).fetchone():
            return True
        row = q("SELECT bool_or(trusted) FROM pg_available_extension_versions WHERE name = %s", [name]).fetchone()
        problem = None
        if row[0] is None:
            problem = f"the server has no {name} extension installed"
            hint = (
                "run scripts/setup.sh on the server"
                if name == "timescaledb"
                else "install the server's contrib package (postgresql-contrib)"
            )
        elif not (superuser or (row[0] and can_create_db)):
            problem = f"role {ident(user)} may not create extension {name} in database {ident(db)}"
            hint = f"have a superuser run: CREATE EXTENSION {name}; in database {ident(db)}, then run migrate again"
        elif (
            needs_preload
            and not q(
                # a preloaded library registers its settings at server start, visible to every role
                "SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name LIKE %s)",
                [name + ".%"],
            ).fetchone()[0]
        ):
            problem = f"{name} is installed but not in shared_preload_libraries"
            hint = f"add shared_preload_libraries = '{name}' to postgresql.conf and restart the server"
        if problem and required:
            raise AquasqlError(problem, hint)
        return problem is None

    # -- applying -------------------------------------------------------------------------
    def up_to_date(self, state: MigrationState) -> bool:
        """Nothing to apply and the target recorded as it is: a run would write nothing."""
        if state.pending or state.sql_pending or state.aquamind_pending:
            return False
        return self._one(
            "SELECT EXISTS (SELECT 1 FROM aquasql.target WHERE kind = %s AND aquamind_version IS NOT DISTINCT FROM %s)",
            [state.target.kind, state.target.version],
        )

    def run(self, on_step=None) -> tuple[list[ScriptFile], list[ScriptFile], str]:
        """Build the public schema if needed, apply pending migrations, then changed sql/ files.

        A database already up to date is only read: no lock is taken, so commands that only
        read (verify, profiles) run beside another aquasql run.
        """
        if self.up_to_date(self.state()):
            return [], [], self.timescaledb
        with run_lock(self.conn, "migrate"):
            state = self.state()
            mode = self.preflight(state)
            self.conn.execute("SELECT set_config('aquasql.timescaledb', %s, false)", [mode])
            target = state.target
            if state.aquamind_pending:
                self._build_aquamind_schema(target.version, state.aquamind_pending, mode, on_step)
            for migration in state.pending:
                if on_step:
                    on_step(migration)
                self._apply(
                    migration,
                    "INSERT INTO aquasql.schema_migrations (version, name, checksum) VALUES (%s, %s, %s)",
                    [migration.version, migration.name, migration.checksum],
                )
            self.conn.execute(
                "INSERT INTO aquasql.target (kind, aquamind_version) VALUES (%s, %s)"
                " ON CONFLICT (singleton) DO UPDATE SET kind = excluded.kind,"
                " aquamind_version = excluded.aquamind_version",
                [target.kind, target.version],
            )
            for script in state.sql_pending:
                if on_step:
                    on_step(script)
                self._apply(
                    script,
                    "INSERT INTO aquasql.sql_files (name, checksum) VALUES (%s, %s)"
                    " ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum,"
                    " applied_at = now()",
                    [script.name, script.checksum],
                )
            return state.aquamind_pending + state.pending, state.sql_pending, mode

    def _build_aquamind_schema(self, version: str, files: list[ScriptFile], mode: str, on_step) -> None:
        """AquaMind's public schema at `version`, file by file, then its django_migrations rows."""
        if mode == "on":
            self.conn.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
        record = "INSERT INTO aquasql.aquamind_schema_file (path, checksum) VALUES (%s, %s)"
        for script in files:
            if on_step:
                on_step(script)
            self._apply(script, record, [aquamind_path(script), script.checksum])
        if self._one("SELECT EXISTS (SELECT 1 FROM public.django_migrations)"):
            return  # a schema built by an earlier aquasql, given the files it lacked
        with self.conn.transaction():
            # applied = the version's own date, so every build of the same version is identical
            with self.conn.cursor().copy("COPY public.django_migrations (app, name, applied) FROM STDIN") as copy:
                for app, name in django_rows(version):
                    copy.write_row((app, name, VERSION_DATES[version]))

    def _apply(self, script: ScriptFile, record_sql: str, record_params: list) -> None:
        try:
            with self.conn.transaction():
                self.conn.execute(BOOKKEEPING)
                self.conn.execute(script.text())
                self.conn.execute(record_sql, record_params)
        except psycopg.Error as exc:
            diag = exc.diag
            where = f" ({diag.context.splitlines()[0]})" if diag and diag.context else ""
            raise AquasqlError(
                f"{script.name} failed and was rolled back: {diag.message_primary or exc}{where}",
                diag.message_hint if diag else None,
            ) from None


# The AquaMind versions' commit dates, written as django_migrations.applied.
VERSION_DATES = {"cb41030": "2026-03-25 00:00:00+00", "c6cd7d5": "2025-11-18 00:00:00+00"}
