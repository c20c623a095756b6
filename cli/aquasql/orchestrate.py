"""Parallel generation: N sessions, each taking the next batch from a shared queue.

Each batch is generated in its own transaction. Every row's content and id derive from the
plan and the seed, never from which session wrote it or when, so the data is the same for
any number of workers. Short per-batch transactions also keep TimescaleDB's chunk-creation
locks short, so sessions loading the same hypertables do not serialise on them.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import psycopg
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .connection import SEARCH_PATH
from .console import LOG_INTERVAL_S, err
from .errors import AquasqlError
from .run_lock import WORKER_APPLICATION, check_client_connection
from .sqlcall import server_error


def worker_session(dsn: str) -> psycopg.Connection:
    """A session of the run's own, named so that the next run can tell an orphaned one."""
    conn = psycopg.connect(dsn, autocommit=True, options=SEARCH_PATH, application_name=WORKER_APPLICATION)
    check_client_connection(conn)
    return conn


@dataclass
class GenerationResult:
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def generate_batches(dsn: str, batch_ids: list[int], workers: int, with_individuals: bool) -> GenerationResult:
    todo: queue.Queue[int] = queue.Queue()
    for batch_id in batch_ids:
        todo.put(batch_id)
    result = GenerationResult()
    lock = threading.Lock()
    failures: list[AquasqlError] = []
    stop = threading.Event()
    started = time.perf_counter()

    with Progress(
        TextColumn("  generating batches"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[rows]:,} rows"), console=err, transient=False,
    ) as progress:
        task = progress.add_task("batches", total=len(batch_ids), rows=0)
        last_line = [started]

        def log_progress(done: int, total: int, rows: int) -> None:
            """A plain line at most every LOG_INTERVAL_S for a log, which sees no live display."""
            now = time.perf_counter()
            if err.is_terminal or (now - last_line[0] < LOG_INTERVAL_S and done < total):
                return
            last_line[0] = now
            elapsed = now - started
            eta = elapsed / done * (total - done) if done else 0
            err.print(f"  generating batches: {done}/{total}, {rows:,} rows, {rows / max(elapsed, 1e-9):,.0f} rows/s, "
                      f"ETA {eta:.0f} s")

        def worker() -> None:
            try:
                conn = worker_session(dsn)
            except psycopg.Error as exc:
                failures.append(server_error(exc, "opening a worker session"))
                stop.set()
                return
            with conn:
                # the step before cleared the tables: generators may skip their per-batch deletes
                conn.execute("SET aquasql.fresh_load = 'on'")
                while not stop.is_set():
                    try:
                        batch_id = todo.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        with conn.transaction():
                            rows = conn.execute(
                                "SELECT family, rows_written FROM aquasql.generate_batches(%s, %s)",
                                [[batch_id], with_individuals],
                            ).fetchall()
                            # in the batch's own transaction: a batch recorded is a batch written whole
                            conn.execute("INSERT INTO aquasql.loaded_batch (batch_id) VALUES (%s)", [batch_id])
                    except psycopg.Error as exc:
                        failures.append(server_error(exc, f"generating batch {batch_id}"))
                        stop.set()
                        return
                    with lock:
                        for family, n in rows:
                            result.rows[family] += n
                        progress.update(task, advance=1, rows=sum(result.rows.values()))
                        log_progress(progress.tasks[0].completed, len(batch_ids), sum(result.rows.values()))

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, workers))]
        for t in threads:
            t.start()
        try:
            for t in threads:
                t.join()
        except BaseException:  # Ctrl-C: no worker takes another batch; the one being written rolls back
            stop.set()
            raise
    result.seconds = time.perf_counter() - started
    if failures:
        first = failures[0]
        raise AquasqlError(
            first.message.replace("nothing was written", "that batch was rolled back; batches finished before stay"),
            "fix the cause, then run the same command again: it writes the batches not yet written and finishes",
        )
    return result


def build_indexes(dsn: str, index_names: list[str], workers: int) -> None:
    """Build set-aside indexes, several at once from separate sessions.

    Daemon threads, so that Ctrl-C ends the command at once: an index being built is rolled
    back with its session, and stays set aside for the next run to build.
    """
    todo: queue.Queue[str] = queue.Queue()
    for name in index_names:
        todo.put(name)
    failures: list[psycopg.Error] = []

    def build() -> None:
        try:
            with worker_session(dsn) as conn:
                while not failures:
                    try:
                        name = todo.get_nowait()
                    except queue.Empty:
                        return
                    conn.execute("SELECT aquasql.restore_index(%s)", [name])
        except psycopg.Error as exc:
            failures.append(exc)

    threads = [threading.Thread(target=build, daemon=True) for _ in range(max(1, min(workers, len(index_names))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise server_error(failures[0], "building the set-aside indexes")
