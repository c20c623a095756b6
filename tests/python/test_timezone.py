"""The same seed gives the same rows whatever the session's TimeZone.

America/St_Johns is UTC-03:30 (-02:30 in summer): a half-hour offset with daylight saving time,
so any date or timestamp that goes through the session's zone shows up in the checksums.
"""

from __future__ import annotations

import psycopg
import pytest

import templates
from conftest import aquasql, table_checksums, with_database

pytestmark = pytest.mark.slow  # seeds in databases of other time zones

AS_OF = "2026-11-23"
ZONE = "America/St_Johns"


def new_database(admin_dsn: str, name: str, zone: str | None = None) -> str:
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
        if zone:
            conn.execute(f"ALTER DATABASE {name} SET TimeZone = '{zone}'")
    return with_database(admin_dsn, name)


@pytest.fixture(scope="module")
def databases(admin_dsn):
    """new_database for this module's tests; dropped at the end."""
    names = []

    def make(name: str, zone: str | None = None) -> str:
        names.append(name)
        return new_database(admin_dsn, name, zone)

    yield make
    templates.drop_databases(admin_dsn, names)


@pytest.fixture(scope="module")
def utc_reference(copies):
    """The tiny history seeded by the CLI into a database in the cluster's zone (UTC): the template."""
    return table_checksums(copies("tiny"))


def session_zone(conn: psycopg.Connection) -> str:
    return conn.execute("SELECT current_setting('TimeZone')").fetchone()[0]


def test_cli_seed_into_a_database_in_another_zone(databases, utc_reference):
    dsn = databases("tz_cli_st_johns", ZONE)
    with psycopg.connect(dsn) as conn:
        assert session_zone(conn) == ZONE, "the database's default zone applies to its sessions"
    aquasql("seed", "--dsn", dsn, "--profile", "tiny", "--as-of", AS_OF, "--workers", "1", check=True)
    assert table_checksums(dsn) == utc_reference


def test_generator_run_directly_in_a_session_in_another_zone(databases, utc_reference):
    """The DBA way (README, "For DBAs"): the functions called in a session the CLI did not set up."""
    dsn = databases("tz_dba_st_johns", ZONE)
    aquasql("migrate", "--dsn", dsn, check=True)
    # only the search path is pinned (the embedded cluster's role is called like the schema)
    with psycopg.connect(dsn, autocommit=True, options="-c search_path=public") as conn:
        assert session_zone(conn) == ZONE
        conn.execute("SELECT * FROM aquasql.generate_infrastructure('tiny')")
        conn.execute("SELECT * FROM aquasql.generate_master_data()")
        conn.execute("SELECT aquasql.plan('tiny', 42, %s)", [AS_OF])
        conn.execute("SELECT * FROM aquasql.generate_batches()")
        conn.execute("SELECT * FROM aquasql.finish_generation()")
        # the functions pin UTC for themselves only: the session is still in St. John's, and
        # shows the generated instants in its own zone
        assert session_zone(conn) == ZONE
        created = conn.execute("SELECT min(created_at)::text FROM batch_batch").fetchone()[0]
        assert created.endswith(("-03:30", "-02:30")), created
    assert table_checksums(dsn) == utc_reference
