"""The embedded cluster: start, status, url, stop — in a home of its own."""

import psycopg
import pytest

from conftest import aquasql, make_home

pytestmark = pytest.mark.slow  # embedded clusters started and stopped


def test_start_status_url_stop():
    env = {"AQUASQL_HOME": str(make_home())}
    try:
        started = aquasql("db", "start", env=env, check=True)
        dsn = started.stdout.strip()
        assert dsn.startswith("postgresql://aquasql@127.0.0.1:")
        assert aquasql("db", "url", env=env, check=True).stdout.strip() == dsn
        with psycopg.connect(dsn) as conn:
            assert conn.execute("SHOW fsync").fetchone()[0] == "off"
            assert conn.execute("SHOW timezone").fetchone()[0] == "UTC"
        status = aquasql("db", "status", env=env, check=True).stdout
        assert "state:       running" in status
        assert "PostgreSQL 15" in status
        assert "timescaledb:" in status
        again = aquasql("db", "start", env=env, check=True)
        assert again.stdout.strip() == dsn and "already running" in again.stderr
    finally:
        stopped = aquasql("db", "stop", env=env, check=True)
    assert stopped.stdout.strip() == "stopped"
    assert "state:       stopped" in aquasql("db", "status", env=env, check=True).stdout
    assert aquasql("db", "stop", env=env, check=True).stdout.strip() == "not running"


def test_commands_start_the_embedded_cluster_when_needed():
    env = {
        "AQUASQL_HOME": str(make_home()),
        "DATABASE_URL": None,
        "PGHOST": None,
        "PGPORT": None,
        "PGDATABASE": None,
        "PGUSER": None,
        "PGSERVICE": None,
    }
    try:
        result = aquasql("migrate", env=env, check=True)
        assert "migration(s) applied" in result.stdout
        assert "state:       running" in aquasql("db", "status", env=env, check=True).stdout
    finally:
        aquasql("db", "stop", env=env)
