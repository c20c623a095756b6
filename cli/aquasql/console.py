"""Terminal output: results on stdout, progress and errors on stderr."""

import functools
import sys
from typing import Callable

import typer
from rich.console import Console

from .errors import AquasqlError

# Piped output is read by people too: do not squeeze tables into 80 columns there.
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def reports_errors(fn: Callable) -> Callable:
    """Turn an AquasqlError into one clear message on stderr and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AquasqlError as exc:
            err.print(f"[bold red]error:[/] {exc.message}")
            if exc.hint:
                err.print(f"[dim]hint:[/] {exc.hint}")
            raise typer.Exit(1) from None

    return wrapper
