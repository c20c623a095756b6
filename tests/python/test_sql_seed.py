"""The SQL entry point aquasql.seed() and `aquasql render`: the same rows as `aquasql seed`.

One tiny history per TimescaleDB mode is seeded by the CLI with one worker; the function (in a
database `aquasql migrate` prepared) and the rendered script (run by psql alone on an empty
database) must give the same checksum for every table of the public schema, django_migrations
included (every build writes the AquaMind version's own date there).
"""

from __future__ import annotations

import shutil
import subprocess
import uuid

import psycopg
import pytest

from conftest import aquasql, databases_made, scalar, table_checksums
from test_rollups import assert_rollups_match, wait_for_materialization

pytestmark = pytest.mark.slow  # aquasql.seed() and rendered scripts against CLI seeds

AS_OF = "2026-11-23"
TINY = ["--profile", "tiny", "--as-of", AS_OF]


@pytest.fixture(scope="module")
def databases(admin_dsn):
    """Factory of empty databases for this module, all dropped at its end."""
    with databases_made(admin_dsn) as make:
        yield make


def has_timescaledb(dsn: str) -> bool:
    return bool(scalar(dsn, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'"))


@pytest.fixture(scope="module")
def cli_seeded(databases, copies):
    """`aquasql seed --workers 1` of the tiny profile, per TimescaleDB mode (the shared templates)."""
    made: dict[str, str] = {}

    def get(mode: str) -> str:
        if mode not in made:
            if mode == "on" and not has_timescaledb(databases()):
                pytest.skip("the server has no TimescaleDB")
            made[mode] = copies("tiny", mode)
        return made[mode]

    return get


def timescaledb_installed(dsn: str) -> bool:
    return bool(scalar(dsn, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'"))


def test_sql_seed_gives_the_cli_data(cli_seeded, databases):
    reference = cli_seeded("on")
    dsn = databases()
    aquasql("migrate", "--dsn", dsn, check=True)
    with psycopg.connect(dsn, autocommit=True) as conn:
        # a DBA's session in another time zone: the function pins UTC itself
        conn.execute("SET TimeZone = 'America/Los_Angeles'")
        steps = conn.execute("SELECT step, item, total FROM aquasql.seed('tiny', 42, '2026-11-23')").fetchall()
    assert table_checksums(dsn) == table_checksums(reference)
    summary = {(step, item): total for step, item, total in steps}
    assert summary[("plan", "batches planned")] == 2
    assert summary[("generate", "daily states")] == scalar(dsn, "SELECT count(*) FROM batch_actualdailyassignmentstate")
    assert {item for step, item in summary if step == "rollups"} == {
        "env_daily_temp_by_container",
        "assignment_daily_feed_mortality",
        "batch_weekly_growth",
    }
    assert scalar(dsn, "SELECT count(*) FROM aquasql.suspended_constraint") == 0
    assert scalar(dsn, "SELECT count(*) FROM aquasql.suspended_index") == 0
    wait_for_materialization(dsn)  # continuous aggregates: materialized by a one-time job
    assert_rollups_match(dsn)


def test_sql_seed_is_atomic(databases):
    """A seed that fails (here: a schedule the tiny infrastructure cannot hold) writes nothing."""
    dsn = databases()
    aquasql("migrate", "--dsn", dsn, check=True)
    before = table_checksums(dsn)
    with psycopg.connect(dsn, autocommit=True) as conn:
        with pytest.raises(psycopg.Error, match="freshwater stations ran out"):
            conn.execute("SELECT * FROM aquasql.seed('tiny', 42, '2026-11-23', batches => 6, stagger => 30)")
        with pytest.raises(psycopg.Error, match='unknown profile "huge"'):
            conn.execute("SELECT * FROM aquasql.seed('huge')")
    assert table_checksums(dsn) == before
    assert scalar(dsn, "SELECT count(*) FROM infrastructure_container") == 0


def render(tmp_path, *args: str) -> str:
    result = aquasql("render", *args, check=True)
    path = tmp_path / f"seed_{uuid.uuid4().hex[:6]}.sql"
    path.write_text(result.stdout)
    return str(path)


def psql(script: str, dsn: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script, dsn], capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("timescaledb", ["on", "off"])
def test_rendered_script_gives_the_cli_data(cli_seeded, databases, tmp_path, timescaledb):
    if not shutil.which("psql"):
        pytest.skip("psql is not on PATH")
    reference = cli_seeded(timescaledb)
    script = render(tmp_path, *TINY, "--timescaledb", timescaledb)
    dsn = databases()
    ran = psql(script, dsn)
    assert ran.returncode == 0, ran.stderr
    assert "batches planned" in ran.stdout  # the seed's summary

    assert table_checksums(dsn) == table_checksums(reference)
    assert timescaledb_installed(dsn) == (timescaledb == "on")
    wait_for_materialization(dsn)
    assert_rollups_match(dsn)
    # the runner's bookkeeping: a later migrate finds everything applied and loaded
    status = aquasql("migrate", "--dsn", dsn, "--status", check=True).stdout
    assert "standalone AquaMind schema at cb41030" in status and "(to be built)" not in status
    assert "0 migration(s) pending, 0 sql file(s) to load" in status
    assert "already up to date" in aquasql("migrate", "--dsn", dsn, check=True).stdout

    # the script is for an empty database only: a second run is refused at once
    again = psql(script, dsn)
    assert again.returncode != 0 and "already has schema aquasql" in again.stderr
    assert table_checksums(dsn) == table_checksums(reference)


def test_render_is_plain_and_repeatable(tmp_path):
    first = aquasql("render", *TINY, "--aquamind-version", "c6cd7d5", "--timescaledb", "off", check=True).stdout
    second = aquasql("render", *TINY, "--aquamind-version", "c6cd7d5", "--timescaledb", "off", check=True).stdout
    assert first == second, "the script holds nothing that changes from one render to the next"
    assert "migrations/aquamind/c6cd7d5/0014_hypertables.sql" in first
    assert "CREATE EXTENSION IF NOT EXISTS timescaledb" not in first
    assert "'2025-11-18 00:00:00+00'" in first  # c6cd7d5's django_migrations date
    assert first.rstrip().endswith("COMMIT;")
    assert "profile => 'tiny'" in first and "as_of => '2026-11-23'" in first
    with_ts = aquasql("render", *TINY, check=True).stdout
    assert "CREATE EXTENSION IF NOT EXISTS timescaledb" in with_ts and "cb41030" in with_ts


@pytest.mark.parametrize(
    "args, message",
    [
        (["--timescaledb", "auto"], "--timescaledb must be on or off"),
        (["--aquamind-version", "abc1234"], "unknown AquaMind version 'abc1234'"),
        (["--saturation", "2"], "must be in (0, 1]"),
    ],
)
def test_render_bad_options(args, message):
    result = aquasql("render", *TINY, *args)
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert result.stdout == ""
