"""migrations/aquamind/<version>/ build the same public schema as AquaMind's own Django migrations.

For each version directory and with TimescaleDB on and off, one database is built from the
migrations and another is restored from the AquaMind fixture of that version; their catalogs
(tables, views, columns, keys, foreign keys, checks, indexes, django_migrations rows) must not
differ. Column order is reported, not asserted: simple_history tables are derived from their
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

from aquasql.migrations import aquamind_files
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
@pytest.mark.parametrize("version", VERSIONS)
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
    subprocess.run([str(FIXTURES / "restore"), reference, version], check=True, capture_output=True, text=True)

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
        with psycopg.connect(built) as conn:
            hypertables = {
                r[0] for r in conn.execute("SELECT hypertable_name FROM timescaledb_information.hypertables")
            }
        assert hypertables == {"environmental_environmentalreading", "batch_actualdailyassignmentstate"}
