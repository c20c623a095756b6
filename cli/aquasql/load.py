"""Loading batches in bulk: clear, set keys and indexes aside, load in parallel, rebuild."""

from __future__ import annotations

import threading
import time

import psycopg

from . import generate, orchestrate, run_progress
from .console import err
from .errors import AquasqlError
from .orchestrate import GenerationResult, SuspendedKey, build_indexes, generate_batches
from .sqlcall import finish_phase, record_phase, step, timed_phase

# The load's policy is the registry's (sql/12_registry.sql): the tables whose secondary indexes
# are built once after the load (aquasql.index_suspended_tables()), and the tables the
# cross-batch steps write, whose keys and indexes wait for them (aquasql.cross_batch_tables()).


def load_batches(
    conn,
    dsn: str,
    workers: int,
    with_individuals: bool,
    resume: run_progress.Run | None = None,
    restart: tuple[str, dict] | None = None,
) -> GenerationResult:
    """Generate the plan's batches and the cross-batch steps, keys and indexes set aside meanwhile.

    resume: an interrupted run of the same command, whose batches written stay and are not
    written again. Otherwise the generated tables are cleared first; restart = (command,
    options) makes this the current run when the generate step runs on its own. Returns the
    rows this run wrote per family (batches and cross-batch steps).
    """
    started = time.perf_counter()
    planned = generate.planned_batches(conn)
    todo = [b for b in planned if not resume or b not in resume.loaded]
    cross_batch_pending = not (resume and resume.cross_batch_done)
    if resume:
        err.print(
            f"  going on with the interrupted run: {len(planned) - len(todo)} of {len(planned)} batches "
            "were written" + ("" if cross_batch_pending else ", and the cross-batch steps")
        )
    result = GenerationResult()
    if todo or cross_batch_pending:
        label = "generated rows cleared, " if not resume else ""
        with step(conn, f"preparing the load ({label}foreign keys and secondary indexes set aside)"):
            conn.execute("SELECT aquasql.suspend_foreign_keys()")
            if not resume:
                conn.execute("SELECT aquasql.clear_generated()")
                if restart:
                    run_progress.record(conn, *restart)
                else:
                    conn.execute("TRUNCATE aquasql.loaded_batch")
            # a load into compressed chunks would check each key against compressed data
            conn.execute("SELECT aquasql.decompress_generated_tables()")
            conn.execute("SELECT aquasql.suspend_indexes(aquasql.index_suspended_tables())")
        try:
            if todo:
                result = generate_batches(dsn, todo, workers, with_individuals)
                record_phase("generating batches", result.seconds)
            finish_with_indexes(conn, dsn, workers, result)
        except KeyboardInterrupt:
            raise  # the next run puts keys and indexes back first, then goes on
        except BaseException:
            restore_load(conn, dsn, workers)
            raise
        restore_keys_and_check(conn, dsn, workers)
    else:
        check_generated_properties(conn)
    total = sum(result.rows.values())
    for family, n in sorted(result.rows.items(), key=lambda kv: -kv[1]):
        err.print(f"    {n:>12,} {family}")
    err.print(
        f"  {len(todo)} batches, {total:,} rows: batches loaded in {result.seconds:.1f} s "
        f"({total / max(result.seconds, 1e-9):,.0f} rows/s, {workers} worker(s)), "
        f"whole step with keys and indexes {time.perf_counter() - started:.1f} s"
    )
    # the growth-analysis rollups, from the rows just loaded; then the history compressed where
    # compression policies ask for it (the rollups read it uncompressed first)
    from .compression import compress_history
    from .rollups import build as build_rollups

    build_rollups(conn)
    compress_history(conn, dsn, workers)
    return result


def restore_load(conn, dsn: str, workers: int) -> None:
    restore_indexes(conn, dsn, workers)
    restore_foreign_keys(conn, dsn, workers)


def finish_with_indexes(conn, dsn: str, workers: int, result: GenerationResult) -> None:
    """The cross-batch steps on conn, and beside them the keys and indexes of the tables they do not write.

    The cross-batch steps (feed stock) run in one session. Meanwhile another session
    validates the foreign keys that touch none of their tables (the readings' keys, which can
    only validate one after the other) and then builds the set-aside indexes of those tables
    (the readings: most of the index work), with the remaining sessions. Once the steps have
    committed, every session builds the rest.
    """
    suspended = conn.execute(
        "SELECT index_name, table_name::oid IN (SELECT to_regclass(t)::oid FROM aquasql.cross_batch_tables() AS t)"
        " FROM aquasql.suspended_index ORDER BY 1"
    ).fetchall()
    beside = [name for name, cross_batch in suspended if not cross_batch]
    after = [name for name, cross_batch in suspended if cross_batch]
    if workers < 2 or not beside:
        with step(conn, "cross-batch steps"):
            finish_cross_batch(conn, result)
        restore_indexes(conn, dsn, workers)
        return
    written = {oid for (oid,) in conn.execute("SELECT to_regclass(t)::oid FROM aquasql.cross_batch_tables() AS t")}
    beside_tables = {
        oid
        for (oid,) in conn.execute(
            "SELECT DISTINCT table_name::oid FROM aquasql.suspended_index WHERE index_name = ANY(%s)", [beside]
        )
    }
    # the keys of the tables whose indexes are built beside: validated first, before those indexes
    early_keys = tuple(k for k in suspended_keys(conn) if not k.tables & written and k.tables & beside_tables)
    started = time.perf_counter()
    with orchestrate.IndexBuilder(dsn, len(early_keys) + len(suspended), "keys and indexes") as builder:
        builder.add(beside)
        builder.grow(min(workers - 1, len(beside)), keys_first=early_keys)
        with step(conn, "cross-batch steps, keys and indexes beside them", live=False):
            finish_cross_batch(conn, result)
        after_steps = time.perf_counter()
        # this session goes on with those: the others may still wait for the early keys' locks
        builder.add(after, first=True)
        builder.grow(min(workers, len(suspended)))
    # the phases add up to the run: this one counts from the end of the cross-batch steps
    finish_phase(
        f"validating {len(early_keys)} foreign keys and building {len(suspended)} set-aside indexes, "
        "after the cross-batch steps",
        after_steps,
    )
    err.print(
        f"    keys and indexes took {time.perf_counter() - started:.1f} s from the start of the cross-batch steps"
    )


def finish_cross_batch(conn, result: GenerationResult) -> None:
    result.rows.update(dict(generate.finish(conn)))
    run_progress.cross_batch_done(conn)


def restore_keys_and_check(conn, dsn: str, workers: int) -> None:
    """Restore the suspended keys and, from a session of its own beside them, check the generated data.

    The check only reads, and the keys of the largest table (the readings) validate one after
    the other: the check takes a core they leave idle.
    """
    if workers < 2:
        restore_foreign_keys(conn, dsn, workers)
        check_generated_properties(conn)
        return
    failures: list[BaseException] = []

    def check() -> None:
        try:
            with orchestrate.worker_session(dsn) as session:
                check_generated_properties(session, live=False, phase=False)
        except BaseException as exc:  # re-raised in the caller's thread
            failures.append(exc)

    with timed_phase("restoring and validating foreign keys, the generated data checked beside them"):
        checker = threading.Thread(target=check, daemon=True)
        checker.start()
        restore_foreign_keys(conn, dsn, workers, phase=False)
        checker.join()
    if failures:
        raise failures[0]


# The suspended keys, each with the tables its ADD FOREIGN KEY locks (its own and the one it
# references) and its table's size with a hypertable's chunks.
SUSPENDED_KEYS = r"""
WITH suspended_table AS (SELECT DISTINCT table_name FROM aquasql.suspended_constraint),
part AS (
    SELECT table_name, table_name::oid AS relid FROM suspended_table
    UNION ALL
    SELECT t.table_name, i.inhrelid FROM suspended_table AS t INNER JOIN pg_inherits AS i ON t.table_name = i.inhparent
),
sized AS (SELECT table_name, sum(pg_relation_size(relid)) AS size FROM part GROUP BY table_name)
SELECT s.table_name::text, s.constraint_name, s.table_name::oid, s.referenced_table::oid, z.size
FROM aquasql.suspended_constraint AS s
INNER JOIN sized AS z ON s.table_name = z.table_name
"""


def suspended_keys(conn) -> list[SuspendedKey]:
    return [
        SuspendedKey(table, name, frozenset(t for t in (oid, referenced) if t is not None), int(size))
        for table, name, oid, referenced, size in conn.execute(SUSPENDED_KEYS)
    ]


def restore_foreign_keys(conn, dsn: str | None = None, workers: int = 1, phase: bool = True) -> None:
    """Re-add the suspended keys: from `workers` sessions when a DSN is given, else on conn."""
    if dsn is None:
        with step(conn, "restoring and validating foreign keys", phase=phase):
            conn.execute("SELECT aquasql.restore_foreign_keys()")
        return
    keys = suspended_keys(conn)
    if keys:
        with step(conn, "restoring and validating foreign keys", live=False, phase=phase):
            orchestrate.restore_keys_in_parallel(dsn, keys, workers)


def restore_indexes(conn, dsn: str | None = None, workers: int = 1) -> None:
    """Build the set-aside indexes: from `workers` sessions when a DSN is given, else on conn."""
    names = [r[0] for r in conn.execute("SELECT index_name FROM aquasql.suspended_index ORDER BY 1")]
    if not names:
        return
    with step(conn, f"building {len(names)} set-aside indexes", live=dsn is None):
        if dsn is None:
            conn.execute("SELECT aquasql.restore_indexes()")
        else:
            build_indexes(dsn, names, workers)


def restore_interrupted_load(conn: psycopg.Connection, dsn: str | None = None, workers: int = 1) -> None:
    """Give back the keys and indexes an interrupted load left set aside (from `workers` sessions given a DSN)."""
    interrupted = conn.execute(
        "SELECT (SELECT count(*) FROM aquasql.suspended_constraint) + (SELECT count(*) FROM aquasql.suspended_index)"
    ).fetchone()[0]
    if interrupted:
        err.print("  an earlier load was interrupted: restoring its indexes and foreign keys first")
        restore_indexes(conn, dsn, workers)
        restore_foreign_keys(conn, dsn, workers)


def check_generated_properties(conn, live: bool = True, phase: bool = True) -> None:
    """The run's own last word: its rows keep aquasql's guarantees, or it fails saying which."""
    with step(conn, "checking the generated data (assignments, overlaps, fish conserved)", live=live, phase=phase):
        broken = conn.execute(
            "SELECT property, violations FROM aquasql.generated_property_violations() WHERE violations > 0"
        ).fetchall()
    if broken:
        raise AquasqlError(
            "the generated data breaks aquasql's guarantees: " + "; ".join(f"{prop}: {n:,} rows" for prop, n in broken),
            "this is a bug in aquasql: please report it with the command you ran",
        )
