"""The growth-analysis rollups (sql/85_rollups.sql) equal the direct aggregates over the base tables.

Built by the load at the end of `aquasql seed` (tiny profile), with TimescaleDB on and off. On a
server without TimescaleDB's community edition (the Apache build here) they are materialized
views; the continuous-aggregate path runs only where that edition is installed.
"""

from __future__ import annotations

import time

import psycopg
import pytest

from conftest import aquasql, scalar

AS_OF = "2026-11-23"
# each rollup's source table: a continuous aggregate needs it to be a hypertable
SOURCES = {
    "env_daily_temp_by_container": "environmental_environmentalreading",
    "assignment_daily_feed_mortality": "batch_actualdailyassignmentstate",
    "batch_weekly_growth": "batch_actualdailyassignmentstate",
}
ROLLUPS = set(SOURCES)

# Each rollup, and the same numbers computed directly from the base tables another way
# (bucketed with date_trunc in UTC, per-day batch totals first, the events instead of the
# daily states), as (query of the rollup, direct query) with the same columns.
DIRECT = {
    "env_daily_temp_by_container": """
        SELECT r.container_id, date_trunc('day', r.reading_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
            avg(r.value), min(r.value), max(r.value), count(*)
        FROM environmental_environmentalreading AS r
        INNER JOIN environmental_environmentalparameter AS p ON r.parameter_id = p.id
        WHERE lower(p.name) = 'temperature'
        GROUP BY 1, 2
    """,
    "assignment_daily_feed_mortality": """
        SELECT s.assignment_id, s.batch_id, s.container_id, s.date,
            coalesce(f.kg, 0), coalesce(m.deaths, 0), s.population, s.biomass_kg
        FROM batch_actualdailyassignmentstate AS s
        LEFT JOIN (
            SELECT e.batch_assignment_id, e.feeding_date, sum(e.amount_kg) AS kg
            FROM inventory_feedingevent AS e GROUP BY 1, 2
        ) AS f ON s.assignment_id = f.batch_assignment_id AND s.date = f.feeding_date
        LEFT JOIN (
            SELECT e.assignment_id, e.event_date, sum(e.count) AS deaths
            FROM batch_mortalityevent AS e GROUP BY 1, 2
        ) AS m ON s.assignment_id = m.assignment_id AND s.date = m.event_date
    """,
    "batch_weekly_growth": """
        WITH day AS (
            SELECT s.batch_id, s.date, sum(s.population) AS population, sum(s.biomass_kg) AS biomass_kg,
                sum(s.feed_kg) AS feed_kg, sum(s.mortality_count) AS deaths,
                sum(s.feed_kg / nullif(s.observed_fcr, 0)) AS gain_kg,
                sum(s.feed_kg) FILTER (WHERE s.observed_fcr > 0) AS fed_with_gain
            FROM batch_actualdailyassignmentstate AS s
            GROUP BY 1, 2
        )
        SELECT d.batch_id, date_trunc('week', d.date::timestamp)::date, count(*),
            round(avg(d.population), 0), round(avg(d.biomass_kg), 2),
            round(sum(d.biomass_kg) * 1000 / nullif(sum(d.population), 0), 2),
            sum(d.feed_kg), sum(d.deaths), round(sum(d.gain_kg), 2),
            round(sum(d.fed_with_gain) / nullif(sum(d.gain_kg), 0), 3)
        FROM day AS d
        GROUP BY 1, 2
    """,
}


def differences(dsn: str, name: str) -> tuple[int, int, int]:
    """(rows of the rollup, rows only in the rollup, rows only in the direct aggregate)."""
    with psycopg.connect(dsn, options="-c TimeZone=America/Los_Angeles") as conn:
        rollup = f"SELECT * FROM aquasql.{name}"
        total = conn.execute(f"SELECT count(*) FROM aquasql.{name}").fetchone()[0]
        extra = conn.execute(f"SELECT count(*) FROM (({rollup}) EXCEPT ALL ({DIRECT[name]})) AS x").fetchone()[0]
        missing = conn.execute(f"SELECT count(*) FROM (({DIRECT[name]}) EXCEPT ALL ({rollup})) AS x").fetchone()[0]
    return total, extra, missing


def assert_rollups_match(dsn: str) -> None:
    for name in sorted(ROLLUPS):
        total, extra, missing = differences(dsn, name)
        assert total > 0, f"{name} is empty"
        assert (extra, missing) == (0, 0), f"{name}: {extra} rows not in the direct aggregate, {missing} missing"


def kinds(dsn: str) -> dict[str, str]:
    with psycopg.connect(dsn) as conn:
        return {name: conn.execute("SELECT aquasql.rollup_kind(%s)", [name]).fetchone()[0] for name in ROLLUPS}


def edition(dsn: str) -> str:
    return scalar(dsn, "SELECT coalesce(current_setting('timescaledb.license', TRUE), 'none')")


def expected_kinds(dsn: str, mode: str) -> dict[str, str]:
    """Continuous aggregates on the community edition where the source is a hypertable."""
    hypertables = set()
    if mode == "on":
        with psycopg.connect(dsn) as conn:
            hypertables = {
                r[0] for r in conn.execute("SELECT hypertable_name FROM timescaledb_information.hypertables")
            }
    community = mode == "on" and edition(dsn) == "timescale"
    return {
        name: "continuous aggregate" if community and source in hypertables else "materialized view"
        for name, source in SOURCES.items()
    }


def refresh_policies(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        return {
            r[0]
            for r in conn.execute(
                "SELECT a.view_name FROM timescaledb_information.jobs AS j"
                " JOIN timescaledb_information.continuous_aggregates AS a"
                # the job names the materialization hypertable (2.19) or the aggregate itself (2.28)
                "   ON j.hypertable_name IN (a.materialization_hypertable_name, a.view_name)"
                " WHERE j.proc_name = 'policy_refresh_continuous_aggregate'"
            )
        }


def wait_for_materialization(dsn: str) -> None:
    """Until the one-time materialization job has run (run here if the scheduler does not get to it).

    Real-time over the whole history before the job starts; while it runs, TimescaleDB 2.28 can
    show the aggregate short of rows for a moment (2.19 does not), so tests compare after it.
    """
    deadline = time.monotonic() + 60
    while materialization_jobs(dsn) and time.monotonic() < deadline:
        time.sleep(1)
    for job in materialization_jobs(dsn):
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("CALL run_job(%s)", [job])


def materialization_jobs(dsn: str) -> list[int]:
    with psycopg.connect(dsn) as conn:
        if conn.execute("SELECT to_regclass('timescaledb_information.jobs') IS NULL").fetchone()[0]:
            return []  # no TimescaleDB here
        return [
            r[0]
            for r in conn.execute(
                "SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = 'materialize_rollups_job'"
            )
        ]


@pytest.fixture(scope="module", params=["on", "off"])
def seeded(request, admin_dsn, copies):
    """A tiny history seeded by the CLI, with TimescaleDB on or off (a copy of the shared template)."""
    if request.param == "on" and not scalar(
        admin_dsn, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'"
    ):
        pytest.skip("the server has no TimescaleDB")
    return request.param, copies("tiny", request.param)


def test_the_load_builds_the_rollups_in_schema_aquasql(seeded):
    mode, dsn = seeded
    assert kinds(dsn) == expected_kinds(dsn, mode)
    # public stays AquaMind's schema exactly
    assert (
        scalar(
            dsn,
            "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY(%s)",
            [sorted(ROLLUPS)],
        )
        == 0
    )


def test_rollups_equal_the_direct_aggregates(seeded):
    assert_rollups_match(seeded[1])


def test_env_daily_temp_by_container_has_aquamind_columns(seeded):
    with psycopg.connect(seeded[1]) as conn:
        columns = [
            c.name for c in conn.execute("SELECT * FROM aquasql.env_daily_temp_by_container LIMIT 0").description
        ]
    assert columns == ["container_id", "bucket", "avg_temp_c", "min_temp_c", "max_temp_c", "reading_count"]


def test_materialized_views_follow_the_tables_on_refresh(seeded):
    _, dsn = seeded
    if set(kinds(dsn).values()) != {"materialized view"}:
        pytest.skip("continuous aggregates here: tested below")
    with psycopg.connect(dsn) as conn:  # one transaction, rolled back: the fixture stays as it is
        container = conn.execute("SELECT min(container_id) FROM aquasql.env_daily_temp_by_container").fetchone()[0]
        conn.execute("DELETE FROM environmental_environmentalreading WHERE container_id = %s", [container])
        conn.execute("DELETE FROM batch_actualdailyassignmentstate WHERE batch_id = 1")
        stale = conn.execute(
            "SELECT count(*) FROM aquasql.env_daily_temp_by_container WHERE container_id = %s", [container]
        ).fetchone()[0]
        assert stale > 0, "a materialized view keeps its rows until refreshed"
        refreshed = dict((r[0], r[2]) for r in conn.execute("SELECT * FROM aquasql.refresh_rollups()"))
        assert (
            conn.execute(
                "SELECT count(*) FROM aquasql.env_daily_temp_by_container WHERE container_id = %s", [container]
            ).fetchone()[0]
            == 0
        )
        assert conn.execute("SELECT count(*) FROM aquasql.batch_weekly_growth WHERE batch_id = 1").fetchone()[0] == 0
        assert (
            refreshed["assignment_daily_feed_mortality"]
            == conn.execute("SELECT count(*) FROM batch_actualdailyassignmentstate").fetchone()[0]
        )
        conn.rollback()


def test_refresh_command(seeded):
    _, dsn = seeded
    result = aquasql("refresh", "--dsn", dsn, check=True)
    for name in ROLLUPS:
        assert name in result.stdout
    assert_rollups_match(dsn)


def test_continuous_aggregates_refused_without_the_community_edition(seeded):
    mode, dsn = seeded
    if mode == "on" and edition(dsn) == "timescale":
        pytest.skip("TimescaleDB's community edition is installed: continuous aggregates are possible")
    with psycopg.connect(dsn) as conn:
        with pytest.raises(psycopg.errors.FeatureNotSupported, match="no continuous aggregate possible here"):
            conn.execute("SELECT * FROM aquasql.build_rollups('continuous aggregate')")


def test_continuous_aggregate_path(seeded):
    """On the community edition: the load materializes the continuous aggregates, then adds their
    policies; built by SQL alone (aquasql.seed(), a rendered script), a one-time job does both."""
    mode, dsn = seeded
    if mode != "on":
        pytest.skip("TimescaleDB is off in this database: materialized views, tested above")
    if edition(dsn) != "timescale":
        pytest.skip(
            f"continuous aggregates need TimescaleDB's community edition; this server's is "
            f"{edition(dsn)!r} (the Apache build refuses them): only the materialized-view path is tested"
        )
    continuous = {name for name, kind in expected_kinds(dsn, mode).items() if kind == "continuous aggregate"}
    assert continuous == {"env_daily_temp_by_container"}  # the daily states are a plain table, as in AquaMind
    # after the CLI's load: materialized, policies added, no job left
    assert refresh_policies(dsn) == continuous and materialization_jobs(dsn) == []
    # built again by SQL, as aquasql.seed() and the rendered script do: real-time at once, and a
    # one-time job (which the scheduler starts at once) materializes them, adds the policies and goes
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT * FROM aquasql.build_rollups()")
    assert kinds(dsn) == expected_kinds(dsn, mode)
    wait_for_materialization(dsn)
    assert_rollups_match(dsn)
    assert refresh_policies(dsn) == continuous and materialization_jobs(dsn) == []
    with psycopg.connect(dsn) as conn:
        watermark = conn.execute(
            "SELECT _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(a.mat_hypertable_id))"
            " FROM _timescaledb_catalog.continuous_agg AS a WHERE a.user_view_name = 'env_daily_temp_by_container'"
        ).fetchone()[0]
        newest = conn.execute("SELECT max(bucket) FROM aquasql.env_daily_temp_by_container").fetchone()[0]
    assert watermark > newest, "materialized over the whole history"
    aquasql("refresh", "--dsn", dsn, check=True)
    assert_rollups_match(dsn)
