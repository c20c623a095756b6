"""Which database a command talks to, and connecting to it with errors a user can act on."""

from __future__ import annotations

import os
import re

import psycopg

from .embedded import EmbeddedCluster
from .errors import AquasqlError

PG_ENV_VARS = ("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE")


def resolve_dsn(dsn: str | None) -> str:
    """--dsn, then DATABASE_URL, then the standard PG* variables, else the embedded cluster."""
    if dsn:
        return dsn
    if env := os.environ.get("DATABASE_URL"):
        return env
    if any(os.environ.get(v) for v in PG_ENV_VARS):
        return ""  # libpq reads the PG* variables itself
    return EmbeddedCluster().start()


def redact(dsn: str) -> str:
    """The DSN without its password, for messages."""
    if not dsn:
        return "(PG* environment variables)"
    dsn = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", dsn)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", dsn)


# Session options of every connection (the worker sessions of orchestrate.py use them too).
# The target schema is pinned because a role named like the schema "aquasql" would otherwise
# get "$user" = aquasql first on its search path; the time zone because timestamps are
# written and read in UTC (the generator's functions pin it as well, for DBAs' sessions).
SEARCH_PATH = "-c search_path=public -c TimeZone=UTC"


def connect(dsn: str, autocommit: bool = True) -> psycopg.Connection:
    try:
        return psycopg.connect(dsn, autocommit=autocommit, connect_timeout=10, options=SEARCH_PATH)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise AquasqlError(
            f"cannot connect to {redact(dsn)}: {reason}",
            "check --dsn / DATABASE_URL / PG* variables, or omit them to use the embedded cluster",
        ) from None
    except psycopg.ProgrammingError as exc:
        raise AquasqlError(f"invalid DSN {redact(dsn)}: {exc}") from None
