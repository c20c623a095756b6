"""How far the last run got, so the same command run again after an interruption finishes it.

aquasql.run_progress holds the command that planned (or started the generate step) with the
options that decide the rows, and whether it finished; aquasql.loaded_batch the batches fully
written (each in the transaction that wrote it); cross_batch_done the cross-batch steps. Every
row is a function of the plan and the seed, so writing only the batches that are missing, then
the cross-batch steps, gives the same rows as a run that was never interrupted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from .errors import AquasqlError


@dataclass
class Run:
    command: str
    options: dict
    loaded: set[int]
    cross_batch_done: bool


def command_line(name: str, options: dict) -> str:
    """The command as a user would type it again: aquasql seed --profile tiny --seed 42 …"""
    parts = ["aquasql", name]
    for key, value in options.items():
        if value is None or value is False:
            continue
        flag = "--" + key.replace("_", "-")
        parts.append(flag if value is True else f"{flag} {json.dumps(value) if ' ' in str(value) else value}")
    return " ".join(parts)


def normalised(options: dict) -> dict:
    return json.loads(json.dumps(options, default=str))


def unfinished(conn: psycopg.Connection) -> Run | None:
    """The run of the plan now in the database, if it did not finish."""
    row = conn.execute(
        "SELECT r.command, r.options, r.cross_batch_done FROM aquasql.run_progress AS r"
        " JOIN aquasql.run_setting AS s ON s.planned_at = r.planned_at WHERE r.finished_at IS NULL"
    ).fetchone()
    if row is None:
        return None
    loaded = {
        r[0]
        for r in conn.execute(
            "SELECT l.batch_id FROM aquasql.loaded_batch AS l JOIN aquasql.plan_batch AS p USING (batch_id)"
        )
    }
    return Run(row[0], row[1], loaded, row[2])


def resumable(conn: psycopg.Connection, name: str, options: dict, replace: bool, plans: bool) -> Run | None:
    """The interrupted run this command finishes: an unfinished one with the same options.

    With other options, a command that plans is refused (its plan would replace the
    unfinished run's), unless --replace says to start over; one that only generates starts
    the generate step over.
    """
    run = unfinished(conn)
    if run is None or replace:
        return None
    if run.options == normalised(options) and run.command == command_line(name, options):
        return run
    if plans:
        raise AquasqlError(
            f"an interrupted run is unfinished in this database: {run.command}",
            "run that command again to finish it, or add --replace to this one to start over",
        )
    return None


def record(conn: psycopg.Connection, name: str, options: dict, finished: bool = False) -> None:
    """In the transaction that plans (or starts the generate step over): this run is the current one."""
    conn.execute("TRUNCATE aquasql.loaded_batch")
    conn.execute(
        "INSERT INTO aquasql.run_progress (command, options, planned_at, finished_at)"
        " SELECT %(command)s, %(options)s, s.planned_at, CASE WHEN %(finished)s THEN now() END"
        " FROM aquasql.run_setting AS s"
        " ON CONFLICT (singleton) DO UPDATE SET command = excluded.command, options = excluded.options,"
        " planned_at = excluded.planned_at, cross_batch_done = false, started_at = now(),"
        " finished_at = excluded.finished_at",
        {"command": command_line(name, options), "options": Jsonb(normalised(options)), "finished": finished},
    )


def cross_batch_done(conn: psycopg.Connection) -> None:
    """In the transaction of the cross-batch steps."""
    conn.execute("UPDATE aquasql.run_progress SET cross_batch_done = true")


def finished(conn: psycopg.Connection) -> None:
    conn.execute("UPDATE aquasql.run_progress SET finished_at = now() WHERE finished_at IS NULL")
