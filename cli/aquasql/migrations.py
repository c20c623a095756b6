"""The migrations runner: ordered, checksummed, one transaction per file; then the sql/ functions."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg

from .errors import AquasqlError
from .paths import migrations_dir, sql_dir

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
LOCK_KEY = 0x61717561  # "aqua": one migrate at a time per database

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
"""


@dataclass(frozen=True)
class ScriptFile:
    name: str
    path: Path
    checksum: str
    version: int | None = None

    @classmethod
    def load(cls, path: Path, version: int | None = None) -> "ScriptFile":
        return cls(path.name, path, hashlib.sha256(path.read_bytes()).hexdigest(), version)

    def text(self) -> str:
        return self.path.read_text()


def discover_migrations(directory: Path | None = None) -> list[ScriptFile]:
    directory = directory or migrations_dir()
    found: dict[int, ScriptFile] = {}
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise AquasqlError(f"migration file name {path.name} does not match NNNN_name.sql",
                               f"rename it in {directory}")
        version = int(match.group(1))
        if version in found:
            raise AquasqlError(f"two migrations share version {version:04d}: {found[version].name}, {path.name}")
        found[version] = ScriptFile.load(path, version)
    return [found[v] for v in sorted(found)]


def discover_sql(directory: Path | None = None) -> list[ScriptFile]:
    directory = directory or sql_dir()
    return [ScriptFile.load(p) for p in sorted(directory.glob("*.sql"))]


@dataclass
class MigrationState:
    applied: dict[int, tuple[str, str]]  # version -> (name, checksum)
    sql_applied: dict[str, str]  # file name -> checksum
    pending: list[ScriptFile]
    sql_pending: list[ScriptFile]


class Migrator:
    def __init__(self, conn: psycopg.Connection, timescaledb: str = "auto"):
        if timescaledb not in ("auto", "on", "off"):
            raise AquasqlError(f"--timescaledb must be auto, on or off, got {timescaledb!r}")
        self.conn = conn
        self.timescaledb = timescaledb
        self.migrations = discover_migrations()
        self.sql_files = discover_sql()

    # -- reading state --------------------------------------------------------------------
    def _bookkeeping_exists(self) -> bool:
        row = self.conn.execute("SELECT to_regclass('aquasql.schema_migrations') IS NOT NULL").fetchone()
        return bool(row[0])

    def state(self) -> MigrationState:
        applied: dict[int, tuple[str, str]] = {}
        sql_applied: dict[str, str] = {}
        if self._bookkeeping_exists():
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
                    "restore the file: migrations are never removed once applied",
                )
            if migration.checksum != checksum:
                raise AquasqlError(
                    f"migration {migration.name} was changed after it was applied "
                    f"(applied checksum {checksum[:12]}…, file now {migration.checksum[:12]}…)",
                    "migrations are append-only: restore the file and put the change in a new migration",
                )
        pending = [m for m in self.migrations if m.version not in applied]
        sql_pending = [f for f in self.sql_files if sql_applied.get(f.name) != f.checksum]
        return MigrationState(applied, sql_applied, pending, sql_pending)

    # -- checks before writing anything ---------------------------------------------------
    def preflight(self, state: MigrationState) -> str:
        """Say what is missing before anything is written; return the TimescaleDB mode to use."""
        q = self.conn.execute
        version = q("SELECT current_setting('server_version_num')::int").fetchone()[0]
        if version < 130000:
            raise AquasqlError(f"PostgreSQL 13 or newer is needed, the server is {version // 10000}")
        if not state.pending:
            return self.timescaledb
        user, db, superuser, can_create_db, can_create_public = q(
            "SELECT current_user, current_database(), rolsuper,"
            " has_database_privilege(current_database(), 'CREATE'),"
            " has_schema_privilege('public', 'CREATE')"
            " FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        schema_exists = q("SELECT to_regnamespace('aquasql') IS NOT NULL").fetchone()[0]
        if not schema_exists and not can_create_db:
            raise AquasqlError(
                f"role {user} may not create schemas or extensions in database {db}",
                f"connect as the database owner, or have a superuser run: GRANT CREATE ON DATABASE {db} TO {user}",
            )
        if not can_create_public:
            raise AquasqlError(
                f"role {user} may not create tables in schema public of database {db}",
                f"have the owner run: GRANT CREATE ON SCHEMA public TO {user}",
            )
        self._check_extension("btree_gist", user, db, superuser, can_create_db, required=True)
        mode = self.timescaledb
        ts_ready = self._check_extension("timescaledb", user, db, superuser, can_create_db,
                                         required=mode == "on", needs_preload=True)
        if mode == "auto":
            mode = "on" if ts_ready else "off"
        return mode

    def _check_extension(self, name, user, db, superuser, can_create_db, required, needs_preload=False) -> bool:
        q = self.conn.execute
        if q("SELECT 1 FROM pg_extension WHERE extname = %s", [name]).fetchone():
            return True
        row = q(
            "SELECT bool_or(trusted) FROM pg_available_extension_versions WHERE name = %s", [name]
        ).fetchone()
        problem = None
        if row[0] is None:
            problem = f"the server has no {name} extension installed"
            hint = "run scripts/setup.sh on the server" if name == "timescaledb" else \
                "install the server's contrib package (postgresql-contrib)"
        elif not (superuser or (row[0] and can_create_db)):
            problem = f"role {user} may not create extension {name} in database {db}"
            hint = f"have a superuser run: CREATE EXTENSION {name}; in database {db}, then run migrate again"
        elif needs_preload and not q(
            # a preloaded library registers its settings at server start, visible to every role
            "SELECT EXISTS (SELECT 1 FROM pg_settings WHERE name LIKE %s)", [name + ".%"]
        ).fetchone()[0]:
            problem = f"{name} is installed but not in shared_preload_libraries"
            hint = f"add shared_preload_libraries = '{name}' to postgresql.conf and restart the server"
        if problem and required:
            raise AquasqlError(problem, hint)
        return problem is None

    # -- applying -------------------------------------------------------------------------
    def run(self, on_step=None) -> tuple[list[ScriptFile], list[ScriptFile], str]:
        """Apply pending migrations, then changed sql/ files. Returns what was applied."""
        self.conn.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            state = self.state()
            mode = self.preflight(state)
            self.conn.execute("SELECT set_config('aquasql.timescaledb', %s, false)", [mode])
            for migration in state.pending:
                if on_step:
                    on_step(migration)
                self._apply(migration, "INSERT INTO aquasql.schema_migrations (version, name, checksum)"
                                       " VALUES (%s, %s, %s)", [migration.version, migration.name,
                                                                migration.checksum])
            for script in state.sql_pending:
                if on_step:
                    on_step(script)
                self._apply(script, "INSERT INTO aquasql.sql_files (name, checksum) VALUES (%s, %s)"
                                    " ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum,"
                                    " applied_at = now()", [script.name, script.checksum])
            return state.pending, state.sql_pending, mode
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])

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
