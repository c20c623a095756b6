"""Calling the generator's SQL functions: timing, and server errors turned into user messages."""

from __future__ import annotations

import time
from contextlib import contextmanager, nullcontext

import psycopg

from .console import err, working
from .errors import AquasqlError

# The steps of this run that finished, (label, seconds), for the summary at its end.
_phases: list[tuple[str, float]] = []


def server_error(exc: psycopg.Error, doing: str) -> AquasqlError:
    diag = exc.diag
    message = diag.message_primary if diag and diag.message_primary else str(exc).strip()
    return AquasqlError(f"{doing} failed, nothing was written: {message}", diag.message_hint if diag else None)


def record_phase(label: str, seconds: float) -> None:
    _phases.append((label, seconds))


def phases() -> list[tuple[str, float]]:
    """The phases recorded since reset_phases(): every step() that finished, in order."""
    return list(_phases)


def reset_phases() -> None:
    _phases.clear()


@contextmanager
def step(conn: psycopg.Connection, label: str, live: bool = True, phase: bool = True):
    """One step in one transaction: committed whole, or rolled back with a clear message.

    live=False: the block shows progress of its own (no spinner, no heartbeat lines).
    phase=False: part of a phase timed around it (timed_phase), so no phase or step line of its own.
    """
    started = time.perf_counter()
    try:
        with working(label) if live else nullcontext(), conn.transaction():
            yield
    except psycopg.Error as exc:
        raise server_error(exc, label) from None
    if phase:
        finish_phase(label, started)


@contextmanager
def timed_phase(label: str):
    """A phase made of work in several sessions: its seconds and step line when the block ends."""
    started = time.perf_counter()
    yield
    finish_phase(label, started)


def finish_phase(label: str, started: float) -> None:
    """Record a phase that began at `started` (perf_counter) and print its step line."""
    seconds = time.perf_counter() - started
    record_phase(label, seconds)
    err.print(f"  {label}: {seconds:.1f} s")
