"""What `aquasql seed` prints: nothing but errors with --quiet; otherwise a closing summary of the
rows written per family and the seconds per phase, matching the database and the step lines."""

from __future__ import annotations

import re

import psycopg
import pytest

from aquasql.run_lock import lock_key
from conftest import aquasql, scalar

TINY = ["--profile", "tiny", "--as-of", "2026-11-23"]
# The tables each family of the summary counts: the registry's (sql/12_registry.sql)
FAMILY_TABLES = """
SELECT f.family, array_agg(g.table_name ORDER BY g.table_name)
FROM aquasql.event_family() AS f
INNER JOIN aquasql.generated_table() AS g ON f.family = g.family AND g.counted
WHERE f.scope IN ('batch', 'cross-batch') AND to_regclass('public.' || g.table_name) IS NOT NULL
GROUP BY f.family
"""
STEP_LINE = re.compile(r"^  (?P<label>[^:\n]+): (?P<seconds>[0-9.]+) s$", re.M)  # as bench/full.py reads lines
TABLE_ROW = re.compile(r"^│ (?P<name>.+?) +│ +(?P<value>[0-9][0-9,.]*) +│$", re.M)


def table_rows(stderr: str, title: str) -> dict[str, str]:
    """The rows of the summary table titled `title`: first column -> second."""
    start = stderr.index(title)
    end = stderr.index("└", start)
    return {m["name"]: m["value"] for m in TABLE_ROW.finditer(stderr[start:end])}


@pytest.mark.slow  # a tiny seed of its own
def test_quiet_seed_prints_nothing_on_stderr(fresh_db):
    result = aquasql(
        "seed", "--dsn", fresh_db, *TINY, "--workers", "2", "--quiet", env={"AQUASQL_LOG_INTERVAL": "0.05"}
    )  # heartbeats and progress lines would show at once
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Schedule" in result.stdout  # a result, not progress: still on stdout
    assert scalar(fresh_db, "SELECT count(*) FROM environmental_environmentalreading") > 0
    assert scalar(fresh_db, "SELECT count(*) FROM aquasql.suspended_constraint") == 0


def test_quiet_seed_still_prints_errors(fresh_db):
    refused = aquasql("seed", "--dsn", fresh_db, "--profile", "no-such-profile", "--quiet")
    assert refused.returncode == 2
    assert "error: unknown profile 'no-such-profile'" in refused.stderr
    # a failure found on the server: another run holds the database
    with psycopg.connect(fresh_db, autocommit=True) as other_run:
        other_run.execute("SELECT pg_advisory_lock(%s)", [lock_key()])  # the database has no aquasql schema yet
        busy = aquasql("seed", "--dsn", fresh_db, *TINY, "--quiet")
    assert busy.returncode == 1
    assert busy.stderr.startswith("error: another aquasql run is working on this database"), busy.stderr
    assert "hint:" in busy.stderr


def test_summary_lists_the_rows_and_phases(fresh_db):
    result = aquasql("seed", "--dsn", fresh_db, *TINY, "--workers", "2")
    assert result.returncode == 0, result.stderr

    rows = {k: int(v.replace(",", "")) for k, v in table_rows(result.stderr, "Rows written by this run").items()}
    total = rows.pop("total")
    with psycopg.connect(fresh_db) as conn:
        family_tables = dict(conn.execute(FAMILY_TABLES).fetchall())
        assert set(rows) == set(family_tables), rows
        for family, tables in family_tables.items():
            in_db = sum(conn.execute(f"SELECT count(*) FROM public.{t}").fetchone()[0] for t in tables)
            assert rows[family] == in_db > 0, (family, rows[family], in_db)
    assert total == sum(rows.values())

    phases = table_rows(result.stderr, "Seconds per phase")
    end_to_end = float(phases.pop("total, end to end"))
    steps = {m["label"]: m["seconds"] for m in STEP_LINE.finditer(result.stderr)}
    assert {
        "infrastructure, master data and plan",
        "cross-batch steps, keys and indexes beside them",
        "restoring and validating foreign keys, the generated data checked beside them",
        "building the rollups",
    } <= set(steps)
    for label, seconds in steps.items():  # every step line is a phase, with its seconds
        assert phases[label] == seconds, (label, phases)
    assert "generating batches" in phases  # the parallel load, which prints no step line
    assert set(phases) - set(steps) <= {"generating batches", "connecting, schema and functions up to date"}
    assert sum(float(s) for s in phases.values()) <= end_to_end + 0.05 * len(phases)
    rate = re.search(rf"^  {total:,} rows in {end_to_end:.1f} s end to end: ([\d,]+) rows/s$", result.stderr, re.M)
    assert rate, result.stderr
    assert abs(int(rate[1].replace(",", "")) - total / end_to_end) <= 0.05 * total / end_to_end + 1
