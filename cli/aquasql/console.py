"""Terminal output: results on stdout, progress and errors on stderr."""

import contextlib
import functools
import os
import threading
import time
import sys
from typing import Callable

import typer
from rich.console import Console
from rich.markup import escape

from .errors import AquasqlError

# Piped output is read by people too: do not squeeze tables into 80 columns there.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def reports_errors(fn: Callable) -> Callable:
    """Turn an AquasqlError into one clear message on stderr and its exit status (1, or 2 for usage).

    Ctrl-C ends the run with status 130 and says what it left: each step is one transaction
    (rolled back when interrupted), so the same command run again finishes the job.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AquasqlError as exc:
            err.print(f"[bold red]error:[/] {escape(exc.message)}")
            if exc.hint:
                err.print(f"[dim]hint:[/] {escape(exc.hint)}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("[bold red]interrupted:[/] the step under way was rolled back; what was committed stays")
            err.print("[dim]hint:[/] run the same command again: it goes on from where this run stopped")
            raise typer.Exit(130) from None

    return wrapper


# A log (CI, `| tee`) sees no live display: long work prints a plain line this often instead
# (AQUASQL_LOG_INTERVAL, seconds, changes it).
LOG_INTERVAL_S = float(os.environ.get("AQUASQL_LOG_INTERVAL", "10"))


@contextlib.contextmanager
def heartbeat(label: str):
    """While the block runs, print '  label … N s' every LOG_INTERVAL_S when stderr is no terminal."""
    if err.is_terminal:
        yield
        return
    started = time.perf_counter()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(LOG_INTERVAL_S):
            err.print(f"  {label} … {time.perf_counter() - started:.0f} s")

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
