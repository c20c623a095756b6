"""Calling the generator's SQL functions: timing, and server errors turned into user messages."""

from __future__ import annotations

import time
from contextlib import contextmanager

import psycopg

from .console import err, heartbeat
from .errors import AquasqlError


def server_error(exc: psycopg.Error, doing: str) -> AquasqlError:
    diag = exc.diag
    message = diag.message_primary if diag and diag.message_primary else str(exc).strip()
    return AquasqlError(f"{doing} failed, nothing was written: {message}", diag.message_hint if diag else None)


@contextmanager
def step(conn: psycopg.Connection, label: str):
    """One step in one transaction: committed whole, or rolled back with a clear message."""
    started = time.perf_counter()
    try:
        with err.status(f"{label} …"), heartbeat(label), conn.transaction():
            yield
    except psycopg.Error as exc:
        raise server_error(exc, label) from None
    err.print(f"  {label}: {time.perf_counter() - started:.1f} s")
