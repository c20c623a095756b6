"""TimescaleDB compression after a load (sql/84_compression.sql): the chunks the compression
policies would compress now, compressed from parallel sessions, one chunk per transaction."""

from __future__ import annotations

import queue
import time

import psycopg

from .console import Tally, err
from .orchestrate import run_threads, worker_session
from .sqlcall import finish_phase, server_error


def compress_history(conn: psycopg.Connection, dsn: str, workers: int) -> int:
    """Compress what the policies would compress now; returns how many chunks (0 without policies)."""
    chunks = [r[0] for r in conn.execute("SELECT chunk::text FROM aquasql.chunks_to_compress()")]
    if not chunks:
        return 0
    started = time.perf_counter()
    size = "SELECT coalesce(sum(hypertable_size(format('%I.%I', hypertable_schema, hypertable_name))), 0)"
    size += " FROM timescaledb_information.hypertables"
    before = conn.execute(size).fetchone()[0]
    todo: queue.SimpleQueue[str] = queue.SimpleQueue()
    for chunk in chunks:
        todo.put(chunk)
    failures: list[psycopg.Error] = []
    label = "compressing the history as the compression policies would"
    with Tally(label, len(chunks)) as tally:

        def compress() -> None:
            try:
                with worker_session(dsn) as session:
                    while not failures:
                        try:
                            chunk = todo.get_nowait()
                        except queue.Empty:
                            return
                        session.execute("SELECT aquasql.compress_history_chunk(%s::regclass)", [chunk])
                        tally.advance()
            except psycopg.Error as exc:
                failures.append(exc)

        run_threads(compress, min(workers, len(chunks)))
    if failures:
        raise server_error(failures[0], label)
    after = conn.execute(size).fetchone()[0]
    finish_phase(label, started)
    err.print(
        f"    {len(chunks)} chunks compressed: hypertables {before / 2**20:,.0f} MB before, {after / 2**20:,.0f} MB after"
    )
    return len(chunks)
