"""Benchmark: `aquasql seed` end to end on a fresh database, against a raw insert baseline.

    .venv/bin/python bench/full.py [--profile full] [--target standalone|cb41030|c6cd7d5] [--workers N] [--dsn DSN]

Creates a scratch database next to the one the DSN names (default: the embedded cluster). For
--target standalone aquasql builds AquaMind's schema itself; for an AquaMind version the
database is first made by the AquaMind fixture's restore script (../shared/aquamind/restore, or
$AQUASQL_AQUAMIND_FIXTURES), as AquaMind's own migrations leave it. Then it runs the CLI as a
user would and prints the seconds of each phase (the CLI's own step lines), rows per table,
rows/s, the peak memory of the CLI process, and a raw baseline measured in the same database
afterwards: 10 M comparable rows by one INSERT … SELECT over generate_series, then a primary
key and 3 indexes built; and the ratio of the two. Machines here are shared: quote medians.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from aquasql.connection import resolve_dsn

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(os.environ.get("AQUASQL_AQUAMIND_FIXTURES", REPO.parent / "shared" / "aquamind"))
STEP_LINE = re.compile(r"^  (?P<label>[^:]+): (?P<seconds>[0-9.]+) s$")

RAW_ROWS = 10_000_000
RAW_BASELINE = [
    """CREATE TABLE bench_raw (id bigint, k1 integer, k2 integer, k3 integer, k4 integer,
        v1 numeric(10, 4), v2 numeric(10, 2), at timestamptz)""",
    f"""INSERT INTO bench_raw
        SELECT g, g % 8, g % 1940, g % 170, g % 10000,
            round((10 + 2 * ((hashint8extended(g, 42) & 4294967295)::float8 / 4294967296.0))::numeric, 4),
            round((g % 1000)::numeric / 7, 2), timestamptz '2020-01-01' + (g / 11060) * interval '1 hour'
        FROM generate_series(1, {RAW_ROWS}) AS g""",
    "ALTER TABLE bench_raw ADD PRIMARY KEY (id)",
    "CREATE INDEX ON bench_raw (k2, k1, at)",
    "CREATE INDEX ON bench_raw (k3, k1, at)",
    "CREATE INDEX ON bench_raw (k4, k1, at)",
]


def scratch_database(admin: str, name: str) -> str:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def run_seed(dsn: str, args) -> tuple[float, dict[str, float], int]:
    command = [sys.executable, "-m", "aquasql", "seed", "--dsn", dsn, "--profile", args.profile,
               "--as-of", args.as_of, "--seed", str(args.seed), "--workers", str(args.workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    phases: dict[str, float] = {}
    for line in process.stderr:
        print(line, end="", file=sys.stderr)
        if match := STEP_LINE.match(line.rstrip("\n")):
            phases[match["label"]] = float(match["seconds"])
    process.wait()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"aquasql seed failed (exit {process.returncode})")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, phases, peak_kib


def table_rows(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace"
            " AND c.relkind IN ('r', 'p') ORDER BY 1")]
        counts = {t: conn.execute(f'SELECT count(*) FROM public."{t}"').fetchone()[0] for t in tables}
    return {t: n for t, n in counts.items() if n}


def raw_baseline(dsn: str) -> float:
    with psycopg.connect(dsn, autocommit=True) as conn:
        started = time.perf_counter()
        for statement in RAW_BASELINE:
            conn.execute(statement)
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE bench_raw")
    return RAW_ROWS / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="full")
    parser.add_argument("--target", default="standalone", help="standalone, or an AquaMind version (cb41030, c6cd7d5)")
    parser.add_argument("--as-of", default="2026-11-23")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dsn", default=None, help="a database on the server to use (default: the embedded cluster)")
    parser.add_argument("--database", default="aquasql_bench_full")
    args = parser.parse_args()

    if args.target != "standalone" and not (FIXTURES / "restore").is_file():
        sys.exit(f"no AquaMind fixtures at {FIXTURES}: set AQUASQL_AQUAMIND_FIXTURES to the folder holding restore")
    dsn = scratch_database(resolve_dsn(args.dsn), args.database)
    if args.target != "standalone":
        subprocess.run(["bash", str(FIXTURES / "restore"), dsn, args.target], check=True, capture_output=True)
    seconds, phases, peak_kib = run_seed(dsn, args)
    rows = table_rows(dsn)
    total = sum(rows.values())
    with psycopg.connect(dsn) as conn:
        server = conn.execute("SELECT current_setting('server_version'), pg_size_pretty(pg_database_size(current_database()))").fetchone()
    raw = raw_baseline(dsn)

    print(f"\nprofile {args.profile}, target {args.target}, {args.workers} worker(s), PostgreSQL {server[0]}, "
          f"{os.cpu_count()} cores; database {server[1]}")
    print("\nseconds per phase")
    for label, s in phases.items():
        print(f"  {s:8.1f}  {label}")
    print("\nrows per table")
    for table, n in sorted(rows.items(), key=lambda kv: -kv[1]):
        print(f"  {n:>12,}  {table}")
    print(f"\n  {total:,} rows in {seconds:.1f} s end to end = {total / seconds:,.0f} rows/s")
    print(f"  raw baseline (same database): {raw:,.0f} rows/s; ratio {total / seconds / raw:.2f}")
    print(f"  peak memory of the CLI process: {peak_kib / 1024:.0f} MB")


if __name__ == "__main__":
    main()
