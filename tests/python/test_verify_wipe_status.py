"""`aquasql verify`, `wipe` and `status` on the tiny profile; one corruption per verify check."""

from __future__ import annotations

import json
import subprocess
import sys

import psycopg
import pytest

from conftest import aquasql, scalar

AS_OF = "2026-11-23"
SEED = ["--profile", "tiny", "--as-of", AS_OF]


def seed(dsn: str) -> None:
    aquasql("seed", "--dsn", dsn, *SEED, check=True)


def run_without_terminal(*args: str) -> subprocess.CompletedProcess:
    """The CLI with stdin that is not a terminal (and empty)."""
    return subprocess.run(
        [sys.executable, "-m", "aquasql", *args], capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600
    )


@pytest.fixture(scope="module")
def tiny(copies):
    """A tiny history (a copy of the shared template), for the tests that leave it as they found it."""
    return copies("tiny")


def failing_checks(conn: psycopg.Connection) -> set[str]:
    return {name for name, ok in conn.execute("SELECT name, pass FROM aquasql.verify()") if not ok}


# -- verify ---------------------------------------------------------------------------------


def test_verify_passes_on_tiny(tiny):
    result = aquasql("verify", "--dsn", tiny, "--json")
    checks = json.loads(result.stdout)
    assert [c["name"] for c in checks if not c["pass"]] == [], result.stdout
    assert result.returncode == 0, result.stderr
    assert len(checks) >= 30
    assert set(checks[0]) == {"name", "measured", "expected", "pass", "detail"}
    names = " | ".join(c["name"] for c in checks)
    for expected in (
        "day-91 population",
        "day-200",
        "sea-phase mortality",
        "full-cycle survival",
        "FCR per stage",
        "harvest mean weight",
        "lifecycle stages among active",
        "geographies balanced",
        "two assignments at once",
        "max biomass",
        "fish conserved",
        "no doubling",
        "readings match their assignment",
        "lice counts match",
        "temperature, sea",
        "sea lice",
        "container utilisation",
        "batches completed / active",
        "readings per sensor-day",
    ):
        assert expected in names, expected

    table = aquasql("verify", "--dsn", tiny)
    assert table.returncode == 0
    assert "PASS" in table.stdout and "FAIL" not in table.stdout


def test_verify_without_generated_data_says_so(fresh_db):
    result = aquasql("verify", "--dsn", fresh_db)
    assert result.returncode == 1
    assert "no generated data" in result.stderr


# Each corruption breaks one thing; the check named must fail, and no other. Constraints that
# would refuse the corruption (aquasql's strict ones, where installed) are dropped first, inside
# the transaction the test rolls back.
DROP_OVERLAP_GUARD = """
DO $$ DECLARE c record; BEGIN
    FOR c IN SELECT conname FROM pg_constraint
        WHERE conrelid = 'batch_batchcontainerassignment'::regclass AND contype = 'x' LOOP
        EXECUTE format('ALTER TABLE batch_batchcontainerassignment DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$"""

DROP_LICE_COMPOSITE_KEYS = """
DO $$ DECLARE c record; BEGIN
    FOR c IN SELECT conname FROM pg_constraint
        WHERE conrelid = 'health_licecount'::regclass AND contype = 'f' AND cardinality(conkey) > 1 LOOP
        EXECUTE format('ALTER TABLE health_licecount DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$"""

CORRUPTIONS = {
    "overlapping assignment": (
        [
            DROP_OVERLAP_GUARD,
            # the first batch's tray stays on until after the next batch has moved into it
            """UPDATE batch_batchcontainerassignment AS a SET departure_date = later.assignment_date + 5
            FROM (SELECT x.id, y.assignment_date FROM batch_batchcontainerassignment AS x
                  JOIN batch_batchcontainerassignment AS y
                    ON y.container_id = x.container_id AND y.assignment_date > x.assignment_date
                  ORDER BY x.id LIMIT 1) AS later
            WHERE a.id = later.id""",
        ],
        "no container holds two assignments at once",
    ),
    "deleted mortality event": (
        ["DELETE FROM batch_mortalityevent WHERE id = (SELECT min(id) FROM batch_mortalityevent)"],
        "mortality events = daily-state deaths",
    ),
    "doubled transfer count": (
        [
            "UPDATE batch_transferaction SET transferred_count = transferred_count * 2"
            " WHERE id = (SELECT min(id) FROM batch_transferaction)"
        ],
        "fish conserved across every transfer",
    ),
    "broken feeding sum": (
        [
            "UPDATE inventory_feedingevent SET amount_kg = amount_kg + 5"
            " WHERE id = (SELECT min(id) FROM inventory_feedingevent)"
        ],
        "feeding events = daily-state feed",
    ),
    "tiny max biomass": (
        [
            "UPDATE infrastructure_container SET max_biomass_kg = 1 WHERE id = (SELECT container_id"
            " FROM batch_actualdailyassignmentstate ORDER BY biomass_kg DESC LIMIT 1)"
        ],
        "no container above its max biomass",
    ),
    "lice count in another ring": (
        [
            DROP_LICE_COMPOSITE_KEYS,
            """UPDATE health_licecount SET container_id = (
                SELECT c.id FROM infrastructure_container AS c WHERE c.id <> health_licecount.container_id
                ORDER BY c.id LIMIT 1)
            WHERE id = (SELECT min(id) FROM health_licecount)""",
        ],
        "lice counts match their assignment",
    ),
    "population doubled on one day": (
        [
            "UPDATE batch_actualdailyassignmentstate SET population = population * 2"
            " WHERE day_number = 300 AND assignment_id = (SELECT min(assignment_id)"
            " FROM batch_actualdailyassignmentstate WHERE day_number = 300)"
        ],
        "aquamind: no doubling (a batch's fish never increase)",
    ),
    "harvested batch still active": (
        ["UPDATE batch_batch SET status = 'ACTIVE', actual_end_date = NULL WHERE status = 'COMPLETED'"],
        "aquamind: batches completed / active",
    ),
    "harvest lots twice as heavy": (
        ["UPDATE harvest_harvestlot SET live_weight_kg = live_weight_kg * 2"],
        "harvest mean weight, kg",
    ),
    "a fed batch never weighed": (
        [
            """DELETE FROM batch_growthsample WHERE assignment_id IN (
                SELECT id FROM batch_batchcontainerassignment WHERE batch_id = (
                    SELECT min(batch_id) FROM batch_actualdailyassignmentstate))"""
        ],
        "aquamind volume: growth samples per fed container-day",
    ),
    "eggs delivered but not in the tray": (
        [
            "UPDATE batch_creationaction SET egg_count_actual = egg_count_actual + 1000"
            " WHERE id = (SELECT min(id) FROM batch_creationaction)"
        ],
        "egg deliveries: trays start from the eggs delivered",
    ),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_each_corruption_fails_its_check_only(tiny, corruption):
    statements, check = CORRUPTIONS[corruption]
    with psycopg.connect(tiny, options="-c search_path=public -c TimeZone=UTC") as conn:
        assert failing_checks(conn) == set()
        for sql in statements:
            assert conn.execute(sql).rowcount != 0, sql
        assert failing_checks(conn) == {check}
        conn.rollback()


GROWTH_SAMPLE_CHECK = "aquamind volume: growth samples per fed container-day"


def test_growth_samples_are_not_asked_of_a_batch_fed_under_two_weeks(tiny):
    """A batch that has only just started feeding has no weighing yet; the check leaves it out."""
    with psycopg.connect(tiny, options="-c search_path=public -c TimeZone=UTC") as conn:
        batch = conn.execute("SELECT min(batch_id) FROM batch_actualdailyassignmentstate").fetchone()[0]
        conn.execute(
            """DELETE FROM batch_growthsample WHERE assignment_id IN (
            SELECT id FROM batch_batchcontainerassignment WHERE batch_id = %s)""",
            [batch],
        )
        assert GROWTH_SAMPLE_CHECK in failing_checks(conn)
        # its history cut back to its first 13 fed days
        conn.execute(
            """DELETE FROM batch_actualdailyassignmentstate AS d
            USING batch_lifecyclestage AS st
            WHERE d.lifecycle_stage_id = st.id AND d.batch_id = %s AND st."order" >= 2
              AND d.date >= (SELECT min(x.date) + 13 FROM batch_actualdailyassignmentstate AS x
                  INNER JOIN batch_lifecyclestage AS xs ON x.lifecycle_stage_id = xs.id
                  WHERE x.batch_id = %s AND xs."order" >= 2)""",
            [batch, batch],
        )
        assert GROWTH_SAMPLE_CHECK not in failing_checks(conn)
        conn.rollback()


# -- wipe -----------------------------------------------------------------------------------


def row_counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT c.oid::regclass::text FROM pg_class AS c"
                " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1"
            )
        ]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def operational(dsn: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        return {r[0] for r in conn.execute("SELECT t::text FROM aquasql.operational_tables() AS t")}


@pytest.mark.slow  # a seed, a wipe and a second seed
def test_wipe_keeps_infrastructure_and_master_data_and_seed_works_again(copies):
    fresh_db = copies("tiny")  # seeded as seed() does
    before = row_counts(fresh_db)
    ops = operational(fresh_db)
    assert {"batch_batch", "environmental_environmentalreading", "inventory_feedpurchase", "scenario"} <= ops
    assert any("_historical" in t for t in ops), "simple_history tables of the operational ones"
    assert not any(t.startswith("infrastructure_") for t in ops)

    result = aquasql("wipe", "--dsn", fresh_db, "--yes")
    assert result.returncode == 0, result.stderr
    assert "batches removed" in result.stdout
    after = row_counts(fresh_db)
    assert {t: n for t, n in after.items() if t in ops and n} == {}, "no operational rows left"
    kept = {t: n for t, n in before.items() if t not in ops}
    assert kept["infrastructure_container"] > 0 and kept["batch_lifecyclestage"] == 6
    assert {t: after[t] for t in kept} == kept, "infrastructure and master data exactly as before"
    for plan_table in ("plan_batch", "batch_day", "run_setting"):
        assert scalar(fresh_db, f"SELECT count(*) FROM aquasql.{plan_table}") == 0

    seed(fresh_db)
    assert aquasql("verify", "--dsn", fresh_db).returncode == 0
    assert row_counts(fresh_db)["batch_batch"] == before["batch_batch"]

    # verify exits 1 on a failing check, and says which
    with psycopg.connect(fresh_db) as conn:
        conn.execute("UPDATE harvest_harvestlot SET live_weight_kg = live_weight_kg * 2")
    failed = aquasql("verify", "--dsn", fresh_db, "--json")
    assert failed.returncode == 1
    assert [c["name"] for c in json.loads(failed.stdout) if not c["pass"]] == ["harvest mean weight, kg"]

    # --all: infrastructure and master data too, Django's bookkeeping stays
    assert aquasql("wipe", "--dsn", fresh_db, "--yes", "--all").returncode == 0
    everything = row_counts(fresh_db)
    assert everything["infrastructure_container"] == 0 and everything["batch_lifecyclestage"] == 0
    assert everything.get("django_migrations", 0) == before.get("django_migrations", 0)


def test_wipe_without_terminal_needs_yes(tiny):
    batches = scalar(tiny, "SELECT count(*) FROM batch_batch")
    result = run_without_terminal("wipe", "--dsn", tiny)
    assert result.returncode == 2
    assert "--yes" in result.stderr
    assert scalar(tiny, "SELECT count(*) FROM batch_batch") == batches, "nothing removed"


def test_wipe_refuses_a_database_with_batches_it_did_not_generate(tiny):
    with psycopg.connect(tiny) as conn:
        conn.execute("CREATE TEMP TABLE other AS SELECT * FROM batch_batch ORDER BY id LIMIT 1")
        conn.execute("UPDATE other SET id = id + 1000000, batch_number = 'NOT-AQUASQL-1'")
        conn.execute("INSERT INTO batch_batch SELECT * FROM other")
    try:
        batches = scalar(tiny, "SELECT count(*) FROM batch_batch")
        result = aquasql("wipe", "--dsn", tiny, "--yes")
        assert result.returncode == 1
        assert "1 batch(es) that aquasql did not generate" in result.stderr
        assert scalar(tiny, "SELECT count(*) FROM batch_batch") == batches, "nothing removed"
        with psycopg.connect(tiny) as conn, pytest.raises(psycopg.errors.ObjectInUse):
            conn.execute("SELECT * FROM aquasql.wipe()")
        help_text = " ".join(aquasql("wipe", "--help").stdout.replace("│", " ").split())
        assert "batches aquasql did not generate" in help_text
    finally:
        with psycopg.connect(tiny) as conn:
            conn.execute("DELETE FROM batch_batch WHERE batch_number = 'NOT-AQUASQL-1'")


# -- status ---------------------------------------------------------------------------------


def test_status_shows_profile_seed_and_tables(tiny):
    result = aquasql("status", "--dsn", tiny)
    assert result.returncode == 0, result.stderr
    assert "tiny / 42 / 2026-11-23" in result.stdout
    assert "batch_batch" in result.stdout and "PostgreSQL" in result.stdout

    info = json.loads(aquasql("status", "--dsn", tiny, "--json", check=True).stdout)
    assert info["data"]["profile"] == "tiny" and info["data"]["seed"] == 42
    assert info["data"]["run_date"] == AS_OF
    assert info["target"]["kind"] in ("standalone", "aquamind")
    assert info["migrations_applied"] > 0
    assert info["timescaledb"]["edition"] in ("apache", "timescale", "none")
    rows = {t["table"]: t["rows"] for t in info["tables"]}
    assert rows["batch_batch"] == 2
    assert rows["environmental_environmentalreading"] > 0


def test_status_of_an_empty_database(fresh_db):
    result = aquasql("status", "--dsn", fresh_db)
    assert result.returncode == 0, result.stderr
    assert "unknown" in result.stdout and "no generated data" in result.stdout
