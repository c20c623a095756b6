"""Parallel generation: N sessions, each taking the next batch from a shared queue.

Each batch is generated in its own transaction. Every row's content and id derive from the
plan and the seed, never from which session wrote it or when, so the data is the same for
any number of workers. Short per-batch transactions also keep TimescaleDB's chunk-creation
locks short, so sessions loading the same hypertables do not serialise on them.

After the load, the set-aside indexes and foreign keys are put back from parallel sessions
too, one per call (keys so that no two sessions lock the same table).
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
from .console import LOG_INTERVAL_S, Tally, err, is_quiet
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
        TextColumn("  generating batches"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
        console=err,
        transient=False,
        disable=is_quiet(),
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
            err.print(
                f"  generating batches: {done}/{total}, {rows:,} rows, {rows / max(elapsed, 1e-9):,.0f} rows/s, "
                f"ETA {eta:.0f} s"
            )

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

        # Ctrl-C: no worker takes another batch; the one being written rolls back
        run_threads(worker, workers, on_interrupt=stop.set)
    result.seconds = time.perf_counter() - started
    if failures:
        first = failures[0]
        raise AquasqlError(
            first.message.replace("nothing was written", "that batch was rolled back; batches finished before stay"),
            "fix the cause, then run the same command again: it writes the batches not yet written and finishes",
        )
    return result


@dataclass(frozen=True)
class SuspendedKey:
    """A foreign key set aside: its table, name, the tables it locks (both sides), and a size to order by."""

    table: str
    name: str
    tables: frozenset[int]
    size: int


class IndexBuilder:
    """Builds set-aside indexes from parallel sessions while the caller goes on, showing how many are done.

    Indexes are queued with add() and sessions started with grow(), so that indexes of tables
    another step still writes can wait for it while the others are built beside it. Leaving
    the block waits for every queued index. Daemon threads, so that Ctrl-C ends the command at
    once: an index being built is rolled back with its session and stays set aside for the
    next run to build.
    """

    def __init__(self, dsn: str, total: int, label: str):
        self.dsn = dsn
        # (0: first, 1: in turn, 2: end of work; order added, index name or None)
        self.todo: queue.PriorityQueue[tuple[int, int, str | None]] = queue.PriorityQueue()
        self.added = 0
        self.tally = Tally(label, total)
        self.failures: list[psycopg.Error] = []
        self.threads: list[threading.Thread] = []

    def __enter__(self) -> IndexBuilder:
        self.tally.__enter__()
        return self

    def add(self, index_names: list[str], first: bool = False) -> None:
        """Queue indexes to build, after those queued before or (first) ahead of them."""
        for name in index_names:
            self.added += 1
            self.todo.put((0 if first else 1, self.added, name))

    def grow(self, sessions: int, keys_first: tuple[SuspendedKey, ...] = ()) -> None:
        """Build from this many sessions in all (never fewer than already run).

        keys_first: foreign keys the first new session restores, one after the other, before
        it takes indexes (keys of one table cannot validate side by side, and an index of that
        table waits for them).
        """
        for i in range(sessions - len(self.threads)):
            thread = threading.Thread(target=self._build, args=(keys_first if i == 0 else (),), daemon=True)
            thread.start()
            self.threads.append(thread)

    def _build(self, keys_first: tuple[SuspendedKey, ...]) -> None:
        try:
            with worker_session(self.dsn) as conn:
                for key in keys_first:
                    if self.failures:
                        return
                    conn.execute("SELECT aquasql.restore_foreign_key(%s::regclass, %s)", [key.table, key.name])
                    self.tally.advance()
                while not self.failures and (name := self.todo.get()[2]) is not None:
                    conn.execute("SELECT aquasql.restore_index(%s)", [name])
                    self.tally.advance()
        except psycopg.Error as exc:
            self.failures.append(exc)

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is KeyboardInterrupt:
            self.tally.__exit__(exc_type, *exc)
            return
        self.grow(1)  # queued indexes get built even if the caller started no session
        for _ in self.threads:
            self.added += 1
            self.todo.put((2, self.added, None))
        for thread in self.threads:
            thread.join()
        self.tally.__exit__(exc_type, *exc)
        if self.failures and exc_type is None:
            raise server_error(self.failures[0], self.tally.label)


def build_indexes(dsn: str, index_names: list[str], workers: int) -> None:
    """Build set-aside indexes, several at once from separate sessions, showing how many are done."""
    with IndexBuilder(dsn, len(index_names), "building indexes") as builder:
        builder.add(index_names)
        builder.grow(min(workers, len(index_names)))


class KeyQueue:
    """The keys to restore, biggest table first; a worker takes the first whose tables no other worker uses.

    ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE locks on the table and the one it references,
    which conflict with each other: two keys that share a table would only wait for each other.
    """

    def __init__(self, keys: list[SuspendedKey]):
        self.pending = sorted(keys, key=lambda k: (-k.size, k.table, k.name))
        self.in_use: set[int] = set()
        self.stopped = False
        self._cond = threading.Condition()

    def take(self) -> SuspendedKey | None:
        """The next key free to restore, waiting while every pending one shares a table in use; None when done."""
        with self._cond:
            while not self.stopped and self.pending:
                for i, key in enumerate(self.pending):
                    if not key.tables & self.in_use:
                        self.in_use |= key.tables
                        return self.pending.pop(i)
                self._cond.wait(1.0)
            return None

    def release(self, key: SuspendedKey) -> None:
        with self._cond:
            self.in_use -= key.tables
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self.stopped = True
            self._cond.notify_all()


def restore_keys_in_parallel(dsn: str, keys: list[SuspendedKey], workers: int) -> None:
    """Re-add suspended foreign keys from `workers` sessions, one key per transaction, showing how many are done.

    Each key restored is deleted from aquasql.suspended_constraint in its transaction, so an
    interrupted restore leaves exactly the keys still to restore there, for the next run.
    """
    work = KeyQueue(keys)
    failures: list[psycopg.Error] = []

    with Tally("validating foreign keys", len(keys)) as tally:

        def restore() -> None:
            try:
                with worker_session(dsn) as conn:
                    while (key := work.take()) is not None:
                        try:
                            conn.execute("SELECT aquasql.restore_foreign_key(%s::regclass, %s)", [key.table, key.name])
                        finally:
                            work.release(key)
                        tally.advance()
            except psycopg.Error as exc:
                failures.append(exc)
                work.stop()

        run_threads(restore, min(workers, len(keys)), on_interrupt=work.stop)
    if failures:
        first = server_error(failures[0], "restoring and validating foreign keys")
        raise AquasqlError(
            first.message.replace(
                "nothing was written", f"{tally.done} of {len(keys)} keys were restored, the others stay suspended"
            ),
            first.hint,
        )


def run_threads(target, n: int, on_interrupt=None) -> None:
    """Run target in n daemon threads and wait for them (Ctrl-C: on_interrupt, then raise at once)."""
    threads = [threading.Thread(target=target, daemon=True) for _ in range(max(1, n))]
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except BaseException:
        if on_interrupt:
            on_interrupt()
        raise
