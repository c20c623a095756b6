"""The generation steps, each a call of the SQL functions in schema aquasql."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import psycopg

from .errors import AquasqlError


@dataclass
class RunSpec:
    profile: str
    seed: int
    as_of: dt.date
    batches: Optional[int] = None
    stagger: Optional[int] = None
    saturation: Optional[float] = None
    replace: bool = False


def check_profile(conn: psycopg.Connection, profile: str) -> None:
    known = [r[0] for r in conn.execute("SELECT name FROM aquasql.profile ORDER BY name")]
    if profile not in known:
        raise AquasqlError(f"unknown profile {profile!r}", f"known profiles: {', '.join(known)} (see: aquasql profiles)")


def infrastructure(conn: psycopg.Connection, spec: RunSpec) -> list[tuple[str, int]]:
    totals = conn.execute("SELECT item, total FROM aquasql.generate_infrastructure(%s)", [spec.profile]).fetchall()
    conn.execute("SELECT aquasql.generate_master_data()")
    return totals


def plan(conn: psycopg.Connection, spec: RunSpec) -> int:
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
