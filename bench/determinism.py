"""Benchmark: the same seed gives the same rows for any number of workers, at any scale.

    .venv/bin/python bench/determinism.py [--profile full] [--workers 1 2 3] [--seed 1] [--as-of 2026-11-01]

Seeds one scratch database per worker count (default: the embedded cluster's server; the CLI's
own progress and summary go to stderr), then compares per-table checksums: the row count and
the sum of a 64-bit hash of every row's text, read in UTC. The sum does not depend on row
order and needs no sort, so it stays cheap for tens of millions of readings. Prints the
seconds of each run and the tables that differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

import psycopg

from aquasql.connection import resolve_dsn

CHECKSUM = "SELECT count(*), coalesce(sum(hashtextextended(x::text, 0)), 0) FROM public.{table} AS x"


def scratch_database(admin: str, name: str) -> str:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def seed(dsn: str, profile: str, seed: int, as_of: str, workers: int) -> float:
    """`aquasql seed` of the arguments into dsn, its own output left out; returns the seconds it took."""
    started = time.perf_counter()
    command = ["seed", "--dsn", dsn, "--profile", profile, "--seed", str(seed), "--as-of", as_of]
    subprocess.run(
        [sys.executable, "-m", "aquasql", *command, "--workers", str(workers), "--quiet"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def checksums(dsn: str) -> dict[str, tuple[int, int]]:
    with psycopg.connect(dsn, options="-c TimeZone=UTC") as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        return {t: tuple(conn.execute(CHECKSUM.format(table=f'"{t}"')).fetchone()) for t in tables}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="full")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default="2026-11-01")
    parser.add_argument("--dsn", default=None, help="a database on the server to use (default: the embedded cluster)")
    parser.add_argument("--database", default="aquasql_bench_determinism")
    args = parser.parse_args()

    admin = resolve_dsn(args.dsn)
    results = {}
    for n in args.workers:
        dsn = scratch_database(admin, f"{args.database}_{n}")
        seconds = seed(dsn, args.profile, args.seed, args.as_of, n)
        results[n] = checksums(dsn)
        rows = sum(c for c, _ in results[n].values())
        print(f"  {n} worker(s): {rows:,} rows in {seconds:.1f} s", flush=True)

    first = args.workers[0]
    differ = sorted({t for n in args.workers[1:] for t in results[first] if results[n].get(t) != results[first][t]})
    tables = len(results[first])
    print(
        f"\nprofile {args.profile}, seed {args.seed}, run date {args.as_of}: {tables} tables compared across "
        f"{', '.join(map(str, args.workers))} workers"
    )
    if differ:
        print("  tables that differ: " + ", ".join(differ))
        sys.exit(1)
    print("  identical: every table's row count and row-hash sum agree")


if __name__ == "__main__":
    main()
