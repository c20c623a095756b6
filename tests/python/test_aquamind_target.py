"""Seeding into AquaMind's own database, at both supported versions (fixtures from ../shared/aquamind).

The public schema is AquaMind's, as its migrations made it: aquasql writes rows into it, adds
only schema aquasql, and puts back exactly what a bulk load sets aside.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import psycopg
import pytest

from conftest import REPO, aquasql, databases_made, scalar, table_checksums

FIXTURES = Path(os.environ.get("AQUASQL_AQUAMIND_FIXTURES", REPO.parent / "shared" / "aquamind"))
AS_OF = "2026-11-23"
VERSIONS = ["cb41030", "c6cd7d5"]

# slow: seeds into AquaMind databases restored from the fixtures, both versions, small included
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (FIXTURES / "restore").is_file(),
        reason=f"no AquaMind fixtures at {FIXTURES} (set AQUASQL_AQUAMIND_FIXTURES)",
    ),
]


@pytest.fixture
def aquamind_db(admin_dsn):
    """make(version) -> the DSN of a new database AquaMind's migrations made, at that version."""
    with databases_made(admin_dsn) as new_database:

        def make(version: str) -> str:
            dsn = new_database()
            subprocess.run(["bash", str(FIXTURES / "restore"), dsn, version], check=True, capture_output=True)
            return dsn

        yield make


def raw_public_schema_dump(dsn: str) -> str:
    dump = subprocess.run(
        ["/usr/lib/postgresql/15/bin/pg_dump", "--schema-only", "--schema", "public", dsn],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # pg_dump's \restrict key is new on every run
    return re.sub(r"^\\(un)?restrict .*$", "", dump, flags=re.M)


def public_schema_dump(dsn: str) -> list[str]:
    """pg_dump --schema-only of schema public, as its object blocks.

    The blocks are compared as a sorted list: pg_dump orders them by a dependency sort that
    also sees objects outside public (aquasql's rollups read public tables), so the order may
    move while every object's definition stays the same to the letter.
    """
    return sorted(re.split(r"^(?=-- Name: )", raw_public_schema_dump(dsn), flags=re.M))


def violations(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        return dict(conn.execute("SELECT property, violations FROM aquasql.generated_property_violations()"))


def seed(dsn: str, *args: str):
    return aquasql("seed", "--dsn", dsn, "--profile", "tiny", "--as-of", AS_OF, *args)


@pytest.mark.parametrize("version, profile", [("cb41030", "tiny"), ("c6cd7d5", "tiny"), ("cb41030", "small")])
def test_seed_writes_into_aquamind_and_leaves_its_schema_as_it_was(aquamind_db, version, profile):
    dsn = aquamind_db(version)
    before_text = raw_public_schema_dump(dsn)
    before = public_schema_dump(dsn)
    result = aquasql("seed", "--dsn", dsn, "--profile", profile, "--as-of", AS_OF, "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert public_schema_dump(dsn) == before, "the public schema changed"
    assert scalar(dsn, "SELECT kind || ' ' || aquamind_version FROM aquasql.target") == f"aquamind {version}"
    assert scalar(dsn, "SELECT count(*) FROM batch_batch") == {"tiny": 2, "small": 6}[profile]
    assert scalar(dsn, "SELECT count(*) FROM environmental_environmentalreading") > 0
    broken = {p: n for p, n in violations(dsn).items() if n}
    assert not broken, broken
    # nothing but schema aquasql was added
    assert (
        scalar(
            dsn,
            "SELECT count(*) FROM pg_namespace WHERE nspname NOT LIKE 'pg_%%'"
            " AND nspname NOT IN ('public', 'information_schema', 'aquasql')",
        )
        == 0
    )
    assert scalar(dsn, "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'") == 0
    # the version's own columns
    if version == "cb41030":
        assert scalar(dsn, "SELECT count(*) FROM batch_batch WHERE pinned_projection_run_id IS NOT NULL") > 0
        assert scalar(dsn, "SELECT count(*) FROM scenario_scenarioprojection WHERE projection_run_id IS NULL") == 0
        assert (
            scalar(
                dsn,
                "SELECT count(*) FROM batch_transferaction AS t"
                " JOIN batch_batchcontainerassignment AS a ON t.dest_assignment_id = a.id"
                " WHERE t.dest_container_id IS DISTINCT FROM a.container_id",
            )
            == 0
        )
        assert scalar(dsn, "SELECT count(DISTINCT hierarchy_role) FROM infrastructure_container") == 1
    else:
        assert scalar(dsn, "SELECT count(*) FROM batch_batch WHERE pinned_scenario_id IS NOT NULL") > 0
        assert scalar(dsn, "SELECT count(*) FROM scenario_scenarioprojection WHERE scenario_id IS NULL") == 0
    # every foreign key a generated row could follow reaches a row (they were validated on restore)
    assert scalar(dsn, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated") == 0
    # without aquasql's rollups (views reading public, which move pg_dump's order) the dump is
    # the same to the byte
    scalar(dsn, "SELECT aquasql.drop_rollups() IS NULL")
    assert raw_public_schema_dump(dsn) == before_text


@pytest.mark.parametrize("version", VERSIONS)
def test_same_data_whatever_the_workers_on_aquamind(aquamind_db, version):
    one, two = aquamind_db(version), aquamind_db(version)
    assert seed(one, "--workers", "1").returncode == 0
    assert seed(two, "--workers", "2").returncode == 0
    # django_migrations.applied is the restore's own time
    ours = [{t: v for t, v in table_checksums(dsn).items() if t != "django_migrations"} for dsn in (one, two)]
    assert ours[0] == ours[1]


@pytest.mark.parametrize("version", VERSIONS)
def test_second_seed_without_replace_is_refused(aquamind_db, version):
    dsn = aquamind_db(version)
    assert seed(dsn).returncode == 0
    before = table_checksums(dsn)
    again = seed(dsn)
    assert again.returncode == 1
    assert "already holds 2 batches generated by aquasql" in again.stderr
    assert "--replace" in again.stderr
    assert table_checksums(dsn) == before


@pytest.mark.parametrize("version", VERSIONS)
def test_foreign_batch_refused_then_kept_with_replace(aquamind_db, version):
    dsn = aquamind_db(version)
    with psycopg.connect(dsn) as conn:
        # a batch an AquaMind user entered: species, stage and batch through identity ids
        conn.execute("""
            INSERT INTO batch_species (name, scientific_name, description, created_at, updated_at)
            VALUES ('Atlantic Salmon', 'Salmo salar', '', now(), now());
            INSERT INTO batch_lifecyclestage (name, species_id, "order", description, created_at, updated_at)
            SELECT 'Hand Stage', id, 99, '', now(), now() FROM batch_species;
            INSERT INTO batch_batch (batch_number, species_id, lifecycle_stage_id, status, batch_type,
                start_date, notes, created_at, updated_at)
            SELECT 'HAND-001', s.species_id, s.id, 'ACTIVE', 'STANDARD', '2026-01-01', 'typed in', now(), now()
            FROM batch_lifecyclestage AS s;
        """)
    refused = seed(dsn)
    assert refused.returncode == 1
    assert "1 batches aquasql did not write" in refused.stderr and "HAND-001" in refused.stderr
    assert scalar(dsn, "SELECT count(*) FROM batch_batch") == 1
    replaced = seed(dsn, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert scalar(dsn, "SELECT count(*) FROM batch_batch WHERE batch_number = 'HAND-001' AND notes = 'typed in'") == 1
    assert scalar(dsn, "SELECT count(*) FROM batch_batch") == 3
    # and once more: the foreign batch survives a replace of aquasql's own
    assert seed(dsn, "--replace").returncode == 0
    assert scalar(dsn, "SELECT count(*) FROM batch_batch WHERE batch_number = 'HAND-001'") == 1
    broken = {p: n for p, n in violations(dsn).items() if n}
    assert not broken, broken


def test_strict_refused_on_aquamind_before_anything_is_written(aquamind_db):
    dsn = aquamind_db("cb41030")
    result = seed(dsn, "--strict")
    assert result.returncode == 1
    assert "--strict refused" in result.stderr
    assert scalar(dsn, "SELECT count(*) FROM batch_batch") == 0


def test_strict_adds_the_guarantees_as_constraints_on_a_standalone_database(fresh_db):
    result = seed(fresh_db, "--strict")
    assert result.returncode == 0, result.stderr
    names = scalar(
        fresh_db,
        "SELECT array_agg(DISTINCT conname::text) FROM pg_constraint"
        " WHERE conname LIKE 'aquasql_strict_%%' AND convalidated",
    )
    assert len(names) == scalar(fresh_db, "SELECT count(*) FROM aquasql.strict_constraint()")
    # the constraints bite: a reading in another batch's container is refused
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        with psycopg.connect(fresh_db) as conn:
            conn.execute(
                "UPDATE environmental_environmentalreading SET batch_id = batch_id + 1"
                " WHERE id = (SELECT min(id) FROM environmental_environmentalreading)"
            )
            conn.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_unsupported_aquamind_version_is_refused_naming_what_differs(aquamind_db):
    dsn = aquamind_db("cb41030")
    with psycopg.connect(dsn) as conn:
        conn.execute("DELETE FROM django_migrations WHERE app = 'users' AND name LIKE '0012%%'")
    result = aquasql("migrate", "--dsn", dsn)
    assert result.returncode == 1
    assert "does not support (supported: cb41030, c6cd7d5)" in result.stderr
    assert "lacks 1 of its migrations (users.0012" in result.stderr
    assert scalar(dsn, "SELECT to_regnamespace('aquasql') IS NULL")
