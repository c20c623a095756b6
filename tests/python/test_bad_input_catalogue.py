"""Bad input gets one clear message before anything is written: exit 2 for usage errors, 1 for
runtime refusals; the database's tables (public and aquasql's plan and run records) unchanged.

One row per case: the command (``{dsn}`` is the case's database), the setup that makes the
database what the case needs, the exit status and a fragment of the message. (Folded in from
test_bad_input.py, with the `db start` cases and the owner-without-superuser case at the end.)
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from conftest import aquasql, make_home
from dbstate import REPO, TINY, Databases, dsn_for, quoted, scalar, state

# slow; one worker runs the whole module: a case reads the database test_quoted_database_name_seeds made
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bad_input_catalogue")]

FIXTURES = Path(os.environ.get("AQUASQL_AQUAMIND_FIXTURES", REPO.parent / "shared" / "aquamind"))
HAVE_FIXTURES = (FIXTURES / "restore").is_file()
TODAY = dt.datetime.now(dt.UTC).date()
QUOTED_NAME = "it's a db"


@dataclass
class Case:
    """The database a case runs against: `dsn` (the admin's, for checksums), `run_dsn` (the CLI's)."""

    dbs: Databases
    admin_dsn: str
    dsn: str | None = None
    run_dsn: str | None = None
    name: str | None = None


# -- setups ---------------------------------------------------------------------------------


def fresh(c: Case, name: str | None = None) -> None:
    """An empty database."""
    c.dsn = c.dbs.new(name)
    c.name = psycopg.conninfo.conninfo_to_dict(c.dsn)["dbname"]


def migrated(c: Case) -> None:
    """A database aquasql migrated (nothing generated)."""
    c.dsn = c.dbs.new(migrated=True)


def planned(c: Case) -> None:
    """A tiny plan: batches aquasql generated are in the database."""
    migrated(c)
    aquasql("seed", "--dsn", c.dsn, *TINY, "--only", "plan", check=True)


def unfinished(c: Case) -> None:
    """A tiny run interrupted after its plan (as a killed `seed` leaves it)."""
    planned(c)
    with psycopg.connect(c.dsn) as conn:
        conn.execute(
            "UPDATE aquasql.run_progress SET finished_at = NULL,"
            " options = options || '{\"only\": null}', command = replace(command, ' --only plan', '')"
        )


def hand_entered_batch(c: Case) -> None:
    """Infrastructure and master data, and a batch someone typed in."""
    migrated(c)
    aquasql("seed", "--dsn", c.dsn, *TINY, "--only", "infrastructure", check=True)
    with psycopg.connect(c.dsn) as conn:
        conn.execute("""
            INSERT INTO batch_batch (batch_number, species_id, lifecycle_stage_id, status, batch_type,
                start_date, notes, created_at, updated_at)
            SELECT 'HAND-001', s.species_id, s.id, 'ACTIVE', 'STANDARD', '2026-01-01', 'typed in', now(), now()
            FROM batch_lifecyclestage AS s ORDER BY s.id LIMIT 1
        """)


def newer_aquasql(c: Case) -> None:
    """A database a later aquasql migrated: a migration no file here has."""
    migrated(c)
    with psycopg.connect(c.dsn) as conn:
        conn.execute(
            "INSERT INTO aquasql.schema_migrations (version, name, checksum)"
            " VALUES (9999, '9999_from_the_future.sql', 'f00')"
        )


def unrelated_tables(c: Case) -> None:
    """Some other application's database."""
    fresh(c)
    with psycopg.connect(c.dsn) as conn:
        conn.execute("CREATE TABLE public.customer (id integer PRIMARY KEY, name text)")
        conn.execute("INSERT INTO public.customer VALUES (1, 'Ann')")


def aquamind(c: Case) -> None:
    """AquaMind's own database at cb41030 (from ../shared/aquamind)."""
    if not HAVE_FIXTURES:
        pytest.skip(f"no AquaMind fixtures at {FIXTURES} (set AQUASQL_AQUAMIND_FIXTURES)")
    fresh(c)
    subprocess.run(["bash", str(FIXTURES / "restore"), c.dsn, "cb41030"], check=True, capture_output=True)


def aquamind_unsupported(c: Case) -> None:
    """AquaMind at a version aquasql does not know: one of its migrations missing."""
    aquamind(c)
    with psycopg.connect(c.dsn) as conn:
        conn.execute("DELETE FROM django_migrations WHERE app = 'users' AND name LIKE '0012%%'")


def restricted_role(c: Case) -> None:
    """A login role that may connect to the database (named with a quote and a space), nothing more."""
    fresh(c, "it's another db")
    role = f"plain user {c.name[-4:]}"
    with psycopg.connect(c.admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {quoted(role)}")
        conn.execute(f"CREATE ROLE {quoted(role)} LOGIN")
        conn.execute(f"REVOKE CREATE ON DATABASE {quoted(c.name)} FROM PUBLIC")
    c.run_dsn = dsn_for(c.admin_dsn, c.name, user=role)


def no_such_role(c: Case) -> None:
    fresh(c)
    c.run_dsn = dsn_for(c.admin_dsn, c.name, user="nobody_at_all")


def unreachable(c: Case) -> None:
    """A closed port on 127.0.0.1, with a password that must not be shown."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c.run_dsn = f"postgresql://nobody:secret@127.0.0.1:{port}/db"


def seeded_quoted(c: Case) -> None:
    """The tiny history seeded into "it's a db" (test_quoted_database_name_seeds made it)."""
    c.dsn = dsn_for(c.admin_dsn, QUOTED_NAME)
    if not scalar(c.admin_dsn, "SELECT count(*) FROM pg_database WHERE datname = %s", [QUOTED_NAME]):
        pytest.skip("test_quoted_database_name_seeds did not run")


def shared(c: Case) -> None:
    """A migrated database the cases that change nothing share (each checks it is unchanged)."""
    if "shared" not in c.dbs.__dict__:
        c.dbs.shared = c.dbs.new(migrated=True)
    c.dsn = c.dbs.shared


# -- the catalogue --------------------------------------------------------------------------

S, P, B, M, W = (
    ["seed", "--dsn", "{dsn}"],
    ["plan", "--dsn", "{dsn}"],
    ["batch", "--dsn", "{dsn}"],
    ["migrate", "--dsn", "{dsn}"],
    ["wipe", "--yes", "--dsn", "{dsn}"],
)
START = ["--start-date", "2025-01-01", "--profile", "tiny"]
TOMORROW = (TODAY + dt.timedelta(days=1)).isoformat()

CASES: list[tuple[str, list[str], Callable, int, str]] = [
    # id, command, setup, exit, message fragment
    ("unknown profile", S + ["--profile", "huge"], fresh, 2, "unknown profile 'huge' (--profile)"),
    ("unknown profile lists known", P + ["--profile", "huge"], shared, 2, "known profiles: full, small, tiny"),
    ("batches 0", S + TINY + ["--batches", "0"], shared, 2, "Invalid value for '--batches'"),
    ("batches > 1000", S + TINY + ["--batches", "1001"], shared, 2, "less than or equal to 1000"),
    ("stagger 0", S + TINY + ["--stagger", "0"], shared, 2, "Invalid value for '--stagger'"),
    ("stagger > 3650", S + TINY + ["--stagger", "3651"], shared, 2, "less than or equal to 3650"),
    ("workers 0", S + TINY + ["--workers", "0"], shared, 2, "Invalid value for '--workers'"),
    ("workers > 64", S + TINY + ["--workers", "65"], shared, 2, "less than or equal to 64"),
    ("eggs 0", B + START + ["--eggs", "0"], shared, 2, "Invalid value for '--eggs'"),
    ("eggs > 20 M", B + START + ["--eggs", "20000001"], shared, 2, "less than or equal to 20000000"),
    ("days 0", B + START + ["--days", "0"], shared, 2, "Invalid value for '--days'"),
    ("days > 3650", B + START + ["--days", "3651"], shared, 2, "less than or equal to 3650"),
    ("seed beyond bigint", S + TINY + ["--seed", str(2**63)], shared, 2, "Invalid value for '--seed'"),
    ("saturation 0", S + TINY + ["--saturation", "0"], shared, 2, "must be in (0, 1]"),
    ("saturation 1.5", S + TINY + ["--saturation", "1.5"], shared, 2, "must be in (0, 1]"),
    ("saturation nan", S + TINY + ["--saturation", "nan"], shared, 2, "must be in (0, 1]"),
    (
        "stagger and saturation",
        S + TINY + ["--stagger", "30", "--saturation", "0.5"],
        shared,
        2,
        "give either --stagger or --saturation, not both",
    ),
    ("impossible date", S + ["--as-of", "2026-02-30"], shared, 2, "Invalid value for '--as-of'"),
    ("date in words", S + ["--as-of", "tomorrow"], shared, 2, "'tomorrow' does not match the formats"),
    ("run date before 2000", S + ["--as-of", "1999-12-31"], shared, 2, "histories start in 2000 or later"),
    (
        "run date leaves no room",
        P + ["--as-of", "2001-01-01"],
        shared,
        1,
        "run date 2001-01-01 leaves no room for 85 batches",
    ),
    (
        "batch start after the run date",
        B + ["--start-date", TOMORROW, "--profile", "tiny"],
        shared,
        2,
        "no later than the run date",
    ),
    (
        "batch start before 2000",
        B + ["--start-date", "1999-06-01", "--profile", "tiny"],
        shared,
        2,
        "a batch's history starts in 2000 or later",
    ),
    (
        "unknown geography",
        B + START + ["--geography", "Atlantis"],
        fresh,
        2,
        "profile 'tiny' has no geography 'Atlantis'",
    ),
    ("unknown step", S + ["--only", "everything"], shared, 2, "Invalid value for '--only'"),
    (
        "schedule does not fit",
        S + TINY + ["--batches", "6", "--stagger", "2"],
        shared,
        1,
        "freshwater stations ran out",
    ),
    ("schedule does not fit: plan", P + TINY + ["--batches", "6", "--stagger", "150"], shared, 1, "days short"),
    ("unreachable server", M, unreachable, 1, "cannot connect to postgresql://nobody:***@127.0.0.1"),
    ("role that does not exist", S + TINY, no_such_role, 1, 'role "nobody_at_all" does not exist'),
    ("role without privileges", S + TINY, restricted_role, 1, 'may not create schemas in database "it\'s another db"'),
    ("AquaMind at an unsupported version", S + TINY, aquamind_unsupported, 1, "lacks 1 of its migrations (users.0012"),
    ("--strict on AquaMind", S + TINY + ["--strict"], aquamind, 1, "--strict refused"),
    ("migrated by a newer aquasql", S + TINY, newer_aquasql, 1, "migrated by a newer aquasql"),
    ("public schema holds unrelated tables", S + TINY, unrelated_tables, 1, "but this is no AquaMind database"),
    ("already holds generated data", S + TINY, planned, 1, "already holds 2 batches generated by aquasql"),
    ("already holds data: the hint", S + TINY, seeded_quoted, 1, "--replace) or remove them first (aquasql wipe)"),
    (
        "batches aquasql did not write",
        S + TINY,
        hand_entered_batch,
        1,
        "holds 1 batches aquasql did not write (e.g. 'HAND-001')",
    ),
    (
        "an unfinished run with other options",
        S + TINY + ["--seed", "7"],
        unfinished,
        1,
        "an interrupted run is unfinished in this database: aquasql seed --profile tiny --seed 42",
    ),
    (
        "unknown --aquamind-version",
        M + ["--aquamind-version", "0000000"],
        fresh,
        2,
        "unknown AquaMind version '0000000'; supported: cb41030, c6cd7d5",
    ),
    (
        "--aquamind-version of another version",
        M + ["--aquamind-version", "c6cd7d5"],
        shared,
        1,
        "--aquamind-version c6cd7d5 asked for, but this database is at cb41030",
    ),
    ("bad --timescaledb", M + ["--timescaledb", "maybe"], fresh, 2, "--timescaledb must be auto, on or off"),
    ("wipe where aquasql never ran", W, fresh, 1, "nothing to wipe: aquasql has never run on database"),
]


def squashed(text: str) -> str:
    """stderr without typer's box drawing and line wrapping."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.fixture(scope="module")
def dbs(admin_dsn):
    made = Databases(admin_dsn, "bad_input")
    yield made
    made.drop_all()
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for (role,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'plain user %'").fetchall():
            conn.execute(f"DROP ROLE {quoted(role)}")


def test_quoted_database_name_seeds(dbs, admin_dsn):
    """A database named with a quote and a space: seeded like any other (and kept for a case below)."""
    dsn = dbs.new(QUOTED_NAME, migrated=True)
    result = aquasql("seed", "--dsn", dsn, *TINY, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert scalar(dsn, "SELECT count(*) FROM batch_batch") == 2
    assert aquasql("verify", "--dsn", dsn).returncode == 0


@pytest.mark.parametrize("case_id, args, setup, code, fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_input(dbs, admin_dsn, case_id, args, setup, code, fragment):
    case = Case(dbs, admin_dsn)
    setup(case)
    run_dsn = case.run_dsn or case.dsn
    before = state(case.dsn) if case.dsn else None
    result = aquasql(*[a.replace("{dsn}", run_dsn) for a in args])
    assert result.returncode == code, result.stderr
    message = squashed(result.stderr)
    assert squashed(fragment) in message, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("error:") + result.stderr.count("─ Error ─") == 1, "one message"
    assert "secret" not in result.stderr
    if before is not None:
        assert state(case.dsn) == before, "nothing may be written"


def test_catalogue_is_complete():
    assert len(CASES) >= 25
    assert {code for *_, code, _ in CASES} == {1, 2}


# -- not database cases: the owner without superuser, and `db start` ------------------------


def test_database_owner_without_superuser_migrates(dbs, admin_dsn):
    """Everything the schema needs is creatable by a plain database owner (trusted extensions)."""
    dsn = dbs.new()
    name = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
    role = name + "_owner"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"ALTER DATABASE {name} OWNER TO {role}")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"ALTER SCHEMA public OWNER TO {role}")
    try:
        aquasql("migrate", "--dsn", dsn_for(admin_dsn, name, user=role), check=True)
        assert scalar(dsn, "SELECT count(*) FROM aquasql.schema_migrations") > 0
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"DROP ROLE {role}")


def test_db_start_port_taken():
    home = make_home()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = aquasql("db", "start", "--port", str(port), env={"AQUASQL_HOME": str(home)})
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert not (home / "pgdata").exists(), "nothing may be created"


def test_db_start_data_dir_taken():
    home = make_home()
    (home / "pgdata").mkdir()
    (home / "pgdata" / "precious.txt").write_text("keep me")
    result = aquasql("db", "start", env={"AQUASQL_HOME": str(home)})
    assert result.returncode == 1
    assert "is not empty and is not a PostgreSQL cluster" in result.stderr
    assert sorted(p.name for p in (home / "pgdata").iterdir()) == ["precious.txt"]
    assert (home / "pgdata" / "precious.txt").read_text() == "keep me"


def test_db_start_foreign_cluster_refused():
    """A cluster aquasql did not create (no aquasql.conf) is not taken over."""
    home = make_home()
    data = home / "pgdata"
    data.mkdir()
    (data / "PG_VERSION").write_text("15\n")
    result = aquasql("db", "start", env={"AQUASQL_HOME": str(home)})
    assert result.returncode == 1
    assert "did not create" in result.stderr
    assert sorted(p.name for p in data.iterdir()) == ["PG_VERSION"]
