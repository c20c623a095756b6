"""Terminal output: results on stdout, progress and errors on stderr."""

import contextlib
import functools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import AquasqlError

# Piped output is read by people too: do not squeeze tables into 80 columns there.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
# Progress (live displays, heartbeats, step lines) goes to err, which --quiet silences
# (set_quiet); errors go to problems, which always speaks.
err = Console(stderr=True, highlight=False, soft_wrap=True, width=None if sys.stderr.isatty() else 200)
problems = Console(stderr=True, highlight=False, soft_wrap=True)


def set_quiet(quiet: bool) -> None:
    """--quiet: no progress output at all; errors are still printed."""
    err.quiet = quiet


def is_quiet() -> bool:
    return err.quiet


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
            problems.print(f"[bold red]error:[/] {escape(exc.message)}")
            if exc.hint:
                problems.print(f"[dim]hint:[/] {escape(exc.hint)}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            problems.print("[bold red]interrupted:[/] the step under way was rolled back; what was committed stays")
            problems.print("[dim]hint:[/] run the same command again: it goes on from where this run stopped")
            raise typer.Exit(130) from None

    return wrapper


# A log (CI, `| tee`) sees no live display: long work prints a plain line this often instead
# (AQUASQL_LOG_INTERVAL, seconds, changes it).
LOG_INTERVAL_S = float(os.environ.get("AQUASQL_LOG_INTERVAL", "10"))


@contextlib.contextmanager
def heartbeat(label: str):
    """While the block runs, print '  label … N s' every LOG_INTERVAL_S when stderr is no terminal."""
    if err.is_terminal or err.quiet:
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


@contextlib.contextmanager
def working(label: str) -> Iterator[None]:
    """One long statement under way: a spinner on a terminal, heartbeat lines in a log, nothing when quiet."""
    if err.quiet:
        yield
        return
    with err.status(f"{label} …"), heartbeat(label):
        yield


class Tally:
    """Items done of N (indexes built, keys validated), counted from several threads.

    On a terminal a progress bar; in a log a plain line '  label: 5/14 done, 63 s' every
    LOG_INTERVAL_S (also while one long item is under way), and one at the end; nothing when quiet.
    """

    def __init__(self, label: str, total: int):
        self.label = label
        self.total = total
        self.done = 0
        self._lock = threading.Lock()
        self._started = time.perf_counter()
        self._bar: Progress | None = None
        self._task = None
        self._stopped = threading.Event()

    def __enter__(self) -> "Tally":
        self._started = time.perf_counter()
        if err.quiet:
            return self
        if err.is_terminal:
            self._bar = Progress(
                TextColumn(f"  {self.label}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total)
        else:
            threading.Thread(target=self._beat, daemon=True).start()
        return self

    def _beat(self) -> None:
        while not self._stopped.wait(LOG_INTERVAL_S):
            self._line(unless_done=True)

    def advance(self) -> None:
        with self._lock:
            self.done += 1
            if self._bar is not None:
                self._bar.update(self._task, completed=self.done)

    def _line(self, unless_done: bool = False) -> None:
        with self._lock:
            if unless_done and self.done >= self.total:
                return  # the closing line says it
            err.print(f"  {self.label}: {self.done}/{self.total} done, {time.perf_counter() - self._started:.0f} s")

    def __exit__(self, *exc) -> None:
        self._stopped.set()
        if self._bar is not None:
            self._bar.stop()
        elif not err.quiet:
            self._line()
