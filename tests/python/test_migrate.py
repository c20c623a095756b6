"""`aquasql migrate`: idempotent, checksummed, with and without TimescaleDB."""

import re
import shutil

import psycopg
import pytest

from conftest import REPO, aquasql, scalar

SECTION_2_TABLES = {
    "auth_user",
    "broodstock_eggsupplier",
    "infrastructure_geography",
    "infrastructure_freshwaterstation",
    "infrastructure_hall",
    "infrastructure_area",
    "infrastructure_containertype",
    "infrastructure_container",
    "infrastructure_sensor",
    "infrastructure_feedcontainer",
    "batch_species",
    "batch_lifecyclestage",
    "batch_batch",
    "batch_batchcontainerassignment",
    "batch_creationworkflow",
    "batch_creationaction",
    "batch_batchtransferworkflow",
    "batch_transferaction",
    "batch_mortalityevent",
    "batch_growthsample",
    "batch_individualgrowthobservation",
    "batch_actualdailyassignmentstate",
    "inventory_feed",
    "inventory_feedpurchase",
    "inventory_feedcontainerstock",
    "inventory_feedingevent",
    "environmental_environmentalparameter",
    "environmental_environmentalreading",
    "health_licetype",
    "health_licecount",
    "health_journalentry",
    "health_mortalityreason",
    "scenario_temperatureprofile",
    "scenario_temperaturereading",
    "scenario_tgcmodel",
    "scenario_fcrmodel",
    "scenario_fcrmodelstage",
    "scenario_mortalitymodel",
    "scenario",
    "scenario_scenarioprojection",
    "harvest_productgrade",
    "harvest_harvestevent",
    "harvest_harvestlot",
    "finance_dimcompany",
    "finance_dimsite",
    "finance_factharvest",
}


def public_tables(dsn):
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        ).fetchall()
    return {r[0] for r in rows}


def hypertables(dsn):
    with psycopg.connect(dsn) as conn:
        if not conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'").fetchone():
            return set()
        rows = conn.execute("SELECT hypertable_name FROM timescaledb_information.hypertables").fetchall()
    return {r[0] for r in rows}


def test_migrate_twice_second_run_applies_nothing(fresh_db):
    first = aquasql("migrate", "--dsn", fresh_db, check=True)
    assert not re.search(r"\b0 migration\(s\) applied", first.stdout)
    applied = scalar(fresh_db, "SELECT count(*) FROM aquasql.schema_migrations")
    assert applied == len(list((REPO / "migrations").glob("*.sql")))
    second = aquasql("migrate", "--dsn", fresh_db, check=True)
    assert re.search(r"\b0 migration\(s\) applied, 0 sql file\(s\) loaded", second.stdout)
    assert scalar(fresh_db, "SELECT count(*) FROM aquasql.schema_migrations") == applied


def test_migrate_creates_every_table_with_timescaledb(fresh_db):
    aquasql("migrate", "--dsn", fresh_db, "--timescaledb", "on", check=True)
    assert SECTION_2_TABLES <= public_tables(fresh_db)
    # AquaMind cb41030's four, as its migrations make them on TimescaleDB (daily states stay a plain table)
    assert hypertables(fresh_db) == {
        "environmental_environmentalreading",
        "environmental_weatherdata",
        "batch_liveforwardprojection",
        "finance_core_valuationrun",
    }


def test_migrate_without_timescaledb_creates_the_same_tables(fresh_db):
    result = aquasql("migrate", "--dsn", fresh_db, "--timescaledb", "off", check=True)
    assert "TimescaleDB off" in result.stdout
    assert scalar(fresh_db, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'") == 0
    assert SECTION_2_TABLES <= public_tables(fresh_db)
    assert hypertables(fresh_db) == set()


def test_status_lists_pending_then_applied(fresh_db):
    before = aquasql("migrate", "--dsn", fresh_db, "--status", check=True).stdout
    assert "aquamind/c6cd7d5/0001_history_table_function.sql" in before and "0020_aquasql_parameters.sql" in before
    assert "aquamind/cb41030/0101_" in before and "pending" in before and "(to be built)" in before
    assert scalar(fresh_db, "SELECT to_regnamespace('aquasql') IS NULL"), "--status must not write"
    aquasql("migrate", "--dsn", fresh_db, check=True)
    after = aquasql("migrate", "--dsn", fresh_db, "--status", check=True).stdout
    assert "pending" not in after.replace("0 migration(s) pending", "")


@pytest.fixture
def repo_copy(tmp_path):
    """A copy of the SQL resources whose files a test may change."""
    for name in ("migrations", "sql"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def test_changed_migration_is_refused_and_nothing_changes(fresh_db, repo_copy):
    env = {"AQUASQL_ROOT": str(repo_copy)}
    aquasql("migrate", "--dsn", fresh_db, env=env, check=True)
    target = sorted((repo_copy / "migrations").glob("*.sql"))[1]
    target.write_text(target.read_text() + "\n-- an edit after landing\n")
    new = repo_copy / "migrations" / "9999_added_later.sql"
    new.write_text("CREATE TABLE added_later (id integer);\n")
    result = aquasql("migrate", "--dsn", fresh_db, env=env)
    assert result.returncode == 1
    assert target.name in result.stderr and "changed after it was applied" in result.stderr
    assert result.stderr.count("error:") == 1
    assert scalar(fresh_db, "SELECT to_regclass('added_later') IS NULL"), "no pending migration may run"


def test_failing_migration_rolls_back_entirely(fresh_db, repo_copy):
    env = {"AQUASQL_ROOT": str(repo_copy)}
    aquasql("migrate", "--dsn", fresh_db, env=env, check=True)
    (repo_copy / "migrations" / "9998_broken.sql").write_text(
        "CREATE TABLE half_written (id integer);\nSELECT no_such_function();\n"
    )
    result = aquasql("migrate", "--dsn", fresh_db, env=env)
    assert result.returncode == 1
    assert "9998_broken.sql failed and was rolled back" in result.stderr
    assert scalar(fresh_db, "SELECT to_regclass('half_written') IS NULL")
    assert scalar(fresh_db, "SELECT count(*) FROM aquasql.schema_migrations WHERE version = 9998") == 0


def test_changed_sql_file_is_reloaded(fresh_db, repo_copy):
    env = {"AQUASQL_ROOT": str(repo_copy)}
    (repo_copy / "sql" / "99_probe.sql").write_text(
        "CREATE OR REPLACE FUNCTION aquasql.probe() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
    )
    aquasql("migrate", "--dsn", fresh_db, env=env, check=True)
    assert scalar(fresh_db, "SELECT aquasql.probe()") == 1
    (repo_copy / "sql" / "99_probe.sql").write_text(
        "CREATE OR REPLACE FUNCTION aquasql.probe() RETURNS int LANGUAGE sql AS 'SELECT 2';\n"
    )
    result = aquasql("migrate", "--dsn", fresh_db, env=env, check=True)
    assert re.search(r"\b0 migration\(s\) applied, 1 sql file\(s\) loaded", result.stdout)
    assert scalar(fresh_db, "SELECT aquasql.probe()") == 2
