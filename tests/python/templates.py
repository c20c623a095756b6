"""Template databases shared by the pgTAP files and the pytest modules: AquaMind's schema with
aquasql's migrated (per TimescaleDB mode), and the tiny history seeded once on top of it. A copy
(CREATE DATABASE … TEMPLATE) takes a second or two; a migrate several, a tiny seed more.

scripts/test.sh makes them once before the suites run (`python tests/python/templates.py make`)
and passes their names in AQUASQL_TEST_TEMPLATE_<KIND>_<MODE>; a pytest run on its own makes
them on first use. Made from the checkout under test, so they are never stale within a run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg

# The tiny history every module that only reads one shares: seed 42 (the CLI's default).
TINY = ["--profile", "tiny", "--as-of", "2026-11-23"]
KINDS = ("migrated", "tiny")
MODES = ("on", "off")


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def env_name(kind: str, mode: str) -> str:
    return f"AQUASQL_TEST_TEMPLATE_{kind.upper()}_{mode.upper()}"


def dsn_of(admin_dsn: str, name: str) -> str:
    return psycopg.conninfo.make_conninfo(admin_dsn, dbname=name)


def copy_database(admin_dsn: str, name: str, template: str | None) -> str:
    """A new database, empty or a copy of the template; any old one of that name is dropped first."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {quoted(name)} WITH (FORCE)")
        for attempt in range(50):  # a template must have no sessions (TimescaleDB's scheduler may visit)
            if template:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    [template],
                )
            try:
                conn.execute(f"CREATE DATABASE {quoted(name)}" + (f" TEMPLATE {quoted(template)}" if template else ""))
                break
            except psycopg.errors.ObjectInUse:
                if attempt == 49:
                    raise
                time.sleep(0.2)
    return dsn_of(admin_dsn, name)


def drop_databases(admin_dsn: str, names: list[str]) -> None:
    """Drop the tests' databases when they are done, their sessions (TimescaleDB's scheduler too)
    ended first. Not in scripts/test.sh's throwaway cluster (AQUASQL_TEST_KEEP_DATABASES=1): a
    DROP DATABASE checkpoints the whole cluster, seconds each, and the cluster goes at the end."""
    if os.environ.get("AQUASQL_TEST_KEEP_DATABASES") == "1":
        return
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for name in names:
            if conn.execute("SELECT count(*) FROM pg_database WHERE datname = %s", [name]).fetchone()[0]:
                conn.execute(f"ALTER DATABASE {quoted(name)} WITH ALLOW_CONNECTIONS false")
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
            conn.execute(f"DROP DATABASE IF EXISTS {quoted(name)} WITH (FORCE)")


def run_cli(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "aquasql", *args], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"aquasql {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def seal(admin_dsn: str, name: str) -> str:
    """No session may connect (TimescaleDB's scheduler would, and then it cannot be copied)."""
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"ALTER DATABASE {quoted(name)} WITH ALLOW_CONNECTIONS false")
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
    return name


def make(admin_dsn: str, kind: str, mode: str, name: str) -> str:
    """Make one template: migrated (aquasql migrate --timescaledb MODE) or tiny (that, seeded)."""
    if kind == "migrated":
        dsn = copy_database(admin_dsn, name, None)
        run_cli("migrate", "--dsn", dsn, "--timescaledb", mode)
    else:
        dsn = copy_database(admin_dsn, name, template(admin_dsn, "migrated", mode))
        # one worker: the tests compare it with seeds by more workers
        run_cli("seed", "--dsn", dsn, *TINY, "--workers", "1", "--quiet")
    return seal(admin_dsn, name)


_made: dict[tuple[str, str], str] = {}


def template(admin_dsn: str, kind: str, mode: str = "on") -> str:
    """The template's name: scripts/test.sh's, else one made now for this process (pytest-xdist safe)."""
    if name := os.environ.get(env_name(kind, mode)):
        return name
    if (kind, mode) not in _made:
        _made[kind, mode] = make(admin_dsn, kind, mode, f"template_{kind}_{mode}_{os.getpid()}")
    return _made[kind, mode]


def made_here() -> list[str]:
    """The templates this process made on first use (not those scripts/test.sh made and named)."""
    return [name for (kind, mode), name in _made.items() if os.environ.get(env_name(kind, mode)) != name]


def main() -> None:
    """`templates.py make ADMIN_DSN`: make every template, print NAME=value lines for the shell."""
    if sys.argv[1:2] != ["make"] or len(sys.argv) != 3:
        sys.exit("usage: templates.py make ADMIN_DSN")
    admin_dsn = sys.argv[2]

    def make_mode(mode: str) -> list[str]:
        lines = []
        for kind in KINDS:  # migrated first: tiny is a copy of it, seeded
            _made[kind, mode] = make(admin_dsn, kind, mode, f"template_{kind}_{mode}")
            lines.append(f"{env_name(kind, mode)}={_made[kind, mode]}")
        return lines

    with ThreadPoolExecutor(len(MODES)) as pool:  # the modes side by side: each waits on the server
        for lines in pool.map(make_mode, MODES):
            print("\n".join(lines))


if __name__ == "__main__":
    main()
