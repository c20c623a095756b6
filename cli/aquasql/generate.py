"""The generation steps, each a call of the SQL functions in schema aquasql."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import psycopg

from .errors import AquasqlUsageError
from .paths import sql_dir


@dataclass
class RunSpec:
    profile: str
    seed: int
    as_of: dt.date
    batches: int | None = None
    stagger: int | None = None
    saturation: float | None = None
    replace: bool = False


# The rows of aquasql.profile_geography in sql/20_parameters.sql: ('profile', 'geography', n, ...
PROFILE_GEOGRAPHY_ROW = re.compile(r"^\('([^']+)', '([^']+)', \d+, '", re.M)


def known_geographies(conn: psycopg.Connection) -> dict[str, list[str]]:
    """Profile -> its geographies: those the database has and those sql/ will give it.

    Read without writing, so bad input is refused before a first migration builds anything.
    """
    found: dict[str, list[str]] = {}
    for name, geography in PROFILE_GEOGRAPHY_ROW.findall((sql_dir() / "20_parameters.sql").read_text()):
        found.setdefault(name, []).append(geography)
    if conn.execute("SELECT to_regclass('aquasql.profile_geography') IS NOT NULL").fetchone()[0]:
        for name, geography in conn.execute(
            "SELECT profile, geography FROM aquasql.profile_geography ORDER BY profile, sort_order"
        ):
            if geography not in found.setdefault(name, []):
                found[name].append(geography)
    return found


def check_profile(conn: psycopg.Connection, profile: str, geography: str | None = None) -> None:
    known = known_geographies(conn)
    if not known:  # sql/ in an unexpected layout: the planner checks it all the same
        return
    if profile not in known:
        raise AquasqlUsageError(
            f"unknown profile {profile!r} (--profile)",
            f"known profiles: {', '.join(sorted(known))} (see: aquasql profiles)",
        )
    if geography is not None and geography not in known[profile]:
        raise AquasqlUsageError(
            f"profile {profile!r} has no geography {geography!r} (--geography)",
            f"its geographies: {', '.join(known[profile])}",
        )


# Infrastructure and master data take their ids from identity sequences, which a rolled-back
# step (an interrupted or refused run) leaves advanced. On a standalone database (no one
# else's rows or history), the sequences of tables still empty start over, so the ids are
# those of a database that never saw the failed run.
RESTART_EMPTY_IDENTITIES = """
DO $$
DECLARE
    t record;
    has_rows boolean;
BEGIN
    IF (SELECT kind FROM aquasql.target) IS DISTINCT FROM 'standalone' THEN
        RETURN;
    END IF;
    FOR t IN
        SELECT c.oid::regclass AS rel, pg_get_serial_sequence(c.oid::regclass::text, a.attname)::regclass AS seq
        FROM pg_class AS c INNER JOIN pg_attribute AS a ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attidentity <> ''
    LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', t.rel) INTO has_rows;
        IF NOT has_rows THEN
            PERFORM setval(t.seq, s.seqstart, false) FROM pg_sequence AS s WHERE s.seqrelid = t.seq;
        END IF;
    END LOOP;
END
$$
"""


def infrastructure(conn: psycopg.Connection, spec: RunSpec) -> list[tuple[str, int]]:
    conn.execute(RESTART_EMPTY_IDENTITIES)
    totals = conn.execute("SELECT item, total FROM aquasql.generate_infrastructure(%s)", [spec.profile]).fetchall()
    conn.execute("SELECT aquasql.generate_master_data()")
    return totals


def plan(conn: psycopg.Connection, spec: RunSpec, with_infrastructure: bool = True) -> int:
    if with_infrastructure:
        infrastructure(conn, spec)
    return conn.execute(
        "SELECT aquasql.plan(%s, %s, %s, %s, %s, %s, %s)",
        [spec.profile, spec.seed, spec.as_of, spec.batches, spec.stagger, spec.saturation, spec.replace],
    ).fetchone()[0]


def plan_summary(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute("SELECT section, geography, item, value FROM aquasql.plan_summary()").fetchall()


def planned_batches(conn: psycopg.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT batch_id FROM aquasql.plan_batch ORDER BY batch_id")]


def finish(conn: psycopg.Connection) -> list[tuple[str, int]]:
    return conn.execute("SELECT family, rows_written FROM aquasql.finish_generation()").fetchall()
