"""migrations/aquamind/<version>/ build the same public schema as AquaMind's own Django migrations.

For each version directory and with TimescaleDB on and off, one database is built from the
migrations and another is restored from the AquaMind fixture of that version (with TimescaleDB on,
the public schema AquaMind's migrations make on TimescaleDB, where the fixtures have it); their
catalogs (tables, views, columns, keys, foreign keys, checks, indexes, django_migrations rows)
must not differ. With TimescaleDB on, the hypertables, and on the community edition the
compression settings and policies, are those AquaMind's migrations make. Column order is reported, not asserted: simple_history tables are derived from their
model's table, whose column order is not always the one Django gave the history table.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from aquasql.migrations import DEFAULT_AQUAMIND_VERSION, aquamind_files
from catalog import diff, format_diff, snapshot
from conftest import REPO, aquasql, databases_made

MIGRATIONS = REPO / "migrations" / "aquamind"
FIXTURES = Path(os.environ.get("AQUASQL_AQUAMIND_FIXTURES", REPO.parent / "shared" / "aquamind"))
VERSIONS = sorted(p.name for p in MIGRATIONS.iterdir() if p.is_dir()) if MIGRATIONS.is_dir() else []
APPLIED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def cli_builds_aquamind() -> bool:
    """The CLI once its migrate builds AquaMind's schema; AQUASQL_AQUAMIND_APPLY=direct|cli forces one."""
    if forced := os.environ.get("AQUASQL_AQUAMIND_APPLY"):
        return forced == "cli"
    return "--aquamind-version" in aquasql("migrate", "--help").stdout


def apply_migrations(dsn: str, version: str, timescaledb: str) -> None:
    """What `aquasql migrate --aquamind-version VERSION` does to the public schema."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS aquasql")
        if timescaledb == "on":
            conn.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
        # a version built on another (its BASE file) runs the base's files first, the hypertables last
        for script in aquamind_files(version):
            with conn.transaction():
                conn.execute("SET LOCAL search_path = public")
                conn.execute(script.text())
        with (MIGRATIONS / version / "django_migrations.csv").open(newline="") as fh:
            rows = [(r["app"], r["name"], APPLIED) for r in csv.DictReader(fh)]
        with conn.transaction(), conn.cursor() as cur:
            cur.executemany("INSERT INTO public.django_migrations (app, name, applied) VALUES (%s, %s, %s)", rows)


# What AquaMind's migrations make on TimescaleDB (the fixtures' timescaledb-cb41030.md): each
# hypertable's time column and chunk interval; on the community edition its compression (segment
# by, order by or None where AquaMind sets none, compress after) and retention. c6cd7d5 has no
# such reference: its two hypertables are aquasql's own choice, as before.
HYPERTABLES = {
    "cb41030": {
        "environmental_environmentalreading": ("reading_time", dt.timedelta(days=7)),
        "environmental_weatherdata": ("timestamp", dt.timedelta(days=7)),
        "batch_liveforwardprojection": ("computed_date", dt.timedelta(days=1)),
        "finance_core_valuationrun": ("run_timestamp", dt.timedelta(days=7)),
    },
    "c6cd7d5": {
        "environmental_environmentalreading": ("reading_time", dt.timedelta(days=7)),
        "batch_actualdailyassignmentstate": ("date", dt.timedelta(days=14)),
    },
}
COMPRESSION = {
    "cb41030": {
        "environmental_environmentalreading": ("container_id,parameter_id", None, dt.timedelta(days=7)),
        "environmental_weatherdata": ("area_id", None, dt.timedelta(days=7)),
        "batch_liveforwardprojection": (
            "assignment_id",
            "projection_date,computed_date DESC",
            dt.timedelta(days=7),
        ),
        "finance_core_valuationrun": ("operating_unit_id", "run_timestamp", dt.timedelta(days=30)),
    },
}
RETENTION = {"cb41030": {"batch_liveforwardprojection": dt.timedelta(days=90)}}


def timescaledb_reference(version: str) -> Path | None:
    path = FIXTURES / f"schema-{version}-timescaledb.sql"
    return path if path.is_file() else None


def restore_reference(dsn: str, version: str, timescaledb: str) -> None:
    """AquaMind's schema at `version` as its migrations leave it (on TimescaleDB where the fixtures have it)."""
    timescale_schema = timescaledb_reference(version) if timescaledb == "on" else None
    if timescale_schema is None:
        subprocess.run([str(FIXTURES / "restore"), dsn, version], check=True, capture_output=True, text=True)
        return
    # a pg_dump of schema public: the database has that schema already; its rows are loaded as migrate writes them
    text = timescale_schema.read_text().replace("CREATE SCHEMA public;", "")
    text = text.replace("COMMENT ON SCHEMA public IS 'standard public schema';", "")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(text)
        conn.execute("SELECT pg_catalog.set_config('search_path', 'public', false)")
        with (FIXTURES / f"django-migrations-{version}.csv").open(newline="") as fh:
            rows = [(r["app"], r["name"], APPLIED) for r in csv.DictReader(fh)]
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO public.django_migrations (app, name, applied) VALUES (%s, %s, %s)", rows)


def timescaledb_objects(dsn: str) -> tuple[dict, dict, dict, str]:
    """(hypertables, compression settings, retention, licence) of a database, as TimescaleDB reports them."""
    with psycopg.connect(dsn) as conn:
        licence = conn.execute("SELECT current_setting('timescaledb.license', TRUE)").fetchone()[0]
        hypertables = {
            table: (column, interval)
            for table, column, interval in conn.execute(
                "SELECT hypertable_name, column_name, time_interval FROM timescaledb_information.dimensions"
            )
        }
        compression: dict = {}
        for table, segment_by, order_by in conn.execute(
            "SELECT hypertable_name,"
            " string_agg(attname, ',' ORDER BY segmentby_column_index) FILTER (WHERE segmentby_column_index > 0),"
            " string_agg(attname || CASE WHEN orderby_asc THEN '' ELSE ' DESC' END, ',' ORDER BY orderby_column_index)"
            "   FILTER (WHERE orderby_column_index > 0)"
            " FROM timescaledb_information.compression_settings GROUP BY 1"
        ):
            compression[table] = [segment_by, order_by, None]
        retention: dict = {}
        for proc, table, config in conn.execute(
            "SELECT proc_name, hypertable_name, config FROM timescaledb_information.jobs"
            " WHERE proc_name IN ('policy_compression', 'policy_retention')"
        ):
            after = config.get("compress_after") or config.get("drop_after")
            interval = conn.execute("SELECT %s::interval", [after]).fetchone()[0]
            if proc == "policy_compression":
                compression[table][2] = interval
            else:
                retention[table] = interval
    return hypertables, {t: tuple(v) for t, v in compression.items()}, retention, licence


@pytest.fixture
def new_db(admin_dsn):
    """Factory of empty databases, all dropped afterwards."""
    with databases_made(admin_dsn) as make:
        yield make


def column_order_differences(expected: dict, actual: dict) -> list[str]:
    def orders(snap):
        tables: dict[str, list] = {}
        for key, _order in sorted(snap["column_order"].items(), key=lambda kv: kv[1]):
            table, column = key.split(".", 1)
            tables.setdefault(table, []).append(column)
        return tables

    exp, act = orders(expected), orders(actual)
    return [
        f"{t}: expected ({', '.join(exp[t])}), got ({', '.join(act[t])})"
        for t in sorted(exp.keys() & act.keys())
        if exp[t] != act[t]
    ]


@pytest.mark.parametrize("timescaledb", ["off", "on"])
# the older version in the whole suite only (scripts/test.sh --quick checks the default)
@pytest.mark.parametrize(
    "version", [pytest.param(v, marks=pytest.mark.slow) if v != DEFAULT_AQUAMIND_VERSION else v for v in VERSIONS]
)
def test_migrations_build_aquamind_schema(new_db, version, timescaledb, capsys):
    if not (FIXTURES / "restore").is_file():
        pytest.skip(f"no AquaMind fixtures at {FIXTURES} (set AQUASQL_AQUAMIND_FIXTURES)")
    if not shutil.which("psql"):
        pytest.skip("the fixture's restore script needs psql on PATH")
    built, reference = new_db(), new_db()
    if timescaledb == "on":
        with psycopg.connect(built) as conn:
            if not conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'").fetchone():
                pytest.skip("the server has no TimescaleDB")

    if cli_builds_aquamind():
        aquasql("migrate", "--dsn", built, "--aquamind-version", version, "--timescaledb", timescaledb, check=True)
    else:
        apply_migrations(built, version, timescaledb)
    restore_reference(reference, version, timescaledb)

    expected, actual = snapshot(reference), snapshot(built)
    with capsys.disabled():
        order = column_order_differences(expected, actual)
        print(
            f"\n{version}, TimescaleDB {timescaledb}: {len(expected['relations'])} relations,"
            f" {len(expected['columns'])} columns, {len(expected['constraints'])} constraints,"
            f" {len(expected['indexes'])} indexes; column order differs in {len(order)} table(s)"
        )
        for line in order:
            print(f"  column order (not an error): {line}")
    differences = diff(expected, actual)
    assert not differences, f"{len(differences)} difference(s) from AquaMind {version}:\n" + format_diff(differences)
    if timescaledb == "on":
        hypertables, compression, retention, licence = timescaledb_objects(built)
        assert hypertables == HYPERTABLES[version]
        if licence == "timescale":
            expected = COMPRESSION.get(version, {})
            # no order by set (None): TimescaleDB's own default, which it derives from the table
            found = {
                t: (seg, order if expected.get(t, (0, 0))[1] else None, after)
                for t, (seg, order, after) in compression.items()
            }
            assert found == expected
            assert retention == RETENTION.get(version, {})
        else:  # the Apache build has no compression: AquaMind's own migrations stop at that step
            assert compression == {} and retention == {}
