"""Helpers of the bad-input, interruption, concurrency and property tests: databases made
quickly from the migrated template (templates.py), and a database's state to compare before and after."""

from __future__ import annotations

import uuid

import psycopg
import psycopg.conninfo
from psycopg.conninfo import make_conninfo

import templates
from conftest import REPO, aquasql, table_checksums  # noqa: F401 (REPO: re-exported)

# aquasql's own record of the plan and of a run: unchanged by anything refused.
AQUASQL_TABLES = (
    "run_setting",
    "plan_batch",
    "batch_day",
    "daily_temperature",
    "assignment_life",
    "run_progress",
    "loaded_batch",
    "suspended_constraint",
    "suspended_index",
    "target",
    "schema_migrations",
    "generated_id_range",
)
TINY = templates.TINY


def dsn_for(admin_dsn: str, dbname: str, **more) -> str:
    """A key=value DSN: any database or role name works, quotes and spaces too."""
    return make_conninfo(admin_dsn, dbname=dbname, **more)


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_database(admin_dsn: str, name: str, template: str | None = None) -> str:
    return templates.copy_database(admin_dsn, name, template)


def drop_database(admin_dsn: str, name: str) -> None:
    templates.drop_databases(admin_dsn, [name])


class Databases:
    """New databases for one test module, dropped at its end."""

    def __init__(self, admin_dsn: str, prefix: str):
        self.admin_dsn, self.prefix, self.names = admin_dsn, prefix, []

    def new(self, name: str | None = None, migrated: bool = False) -> str:
        name = name or f"{self.prefix}_{uuid.uuid4().hex[:10]}"
        self.names.append(name)
        template = templates.template(self.admin_dsn, "migrated") if migrated else None
        return create_database(self.admin_dsn, name, template)

    def drop(self, dsn: str) -> None:
        name = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
        drop_database(self.admin_dsn, name)
        self.names.remove(name)

    def drop_all(self) -> None:
        templates.drop_databases(self.admin_dsn, list(reversed(self.names)))


def state(dsn: str) -> dict[str, str]:
    """The target schema's tables, aquasql's plan and run records, and which schemas exist."""
    sums = {"public." + t: v for t, v in table_checksums(dsn).items()}
    with psycopg.connect(dsn, options="-c TimeZone=UTC") as conn:
        sums["schemas"] = ",".join(
            r[0]
            for r in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
                " ORDER BY 1"
            )
        )
        for t in AQUASQL_TABLES:
            if conn.execute("SELECT to_regclass(%s) IS NOT NULL", [f"aquasql.{t}"]).fetchone()[0]:
                sums["aquasql." + t] = conn.execute(
                    f"SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '')"
                    f" FROM aquasql.{t} AS x"
                ).fetchone()[0]
    return sums


def not_valid_foreign_keys(dsn: str) -> int:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated").fetchone()[0]


def scalar(dsn: str, sql: str, params=None):
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql, params).fetchone()[0]
