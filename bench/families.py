"""Benchmark: rows/s per generator family on one session, against a raw insert baseline.

    .venv/bin/python bench/families.py [--profile small] [--dsn DSN]

Creates a scratch database next to the one the DSN names (default: the embedded cluster),
plans the profile, then times each family over all batches with foreign keys set aside (as
`aquasql seed` loads), and a raw INSERT … SELECT of as many comparable rows into a copy of
the readings table in the same session. Prints rows, seconds, rows/s and the ratio to the
raw baseline. Machines here are shared: run it more than once and compare medians.
"""

from __future__ import annotations

import argparse
import time

import psycopg

from aquasql.connection import resolve_dsn
from aquasql.migrations import Migrator

# The families and their generators, in run order, from the registry (sql/12_registry.sql).
FAMILIES = """
SELECT family, format('SELECT %s(%s)', generator, CASE scope WHEN 'batch' THEN 'aquasql.plan_batches(NULL)' END)
FROM aquasql.event_family() WITH ORDINALITY
WHERE scope IN ('batch', 'cross-batch')
ORDER BY ordinality
"""

RAW_BASELINE = """
INSERT INTO bench_raw_readings (id, parameter_id, container_id, batch_id, sensor_id,
    batch_container_assignment_id, value, reading_time, is_manual, recorded_by_id, notes, created_at)
SELECT g, 1 + g % 8, 1 + g % 1940, 1 + g % 170, g, 1 + g % 10000,
    round((10 + 2 * ((hashint8extended(g, 42) & 4294967295)::float8 / 4294967296.0))::numeric, 4),
    timestamptz '2020-01-01' + (g / 11060) * interval '1 hour', FALSE, NULL, '',
    timestamptz '2020-01-01' + (g / 11060) * interval '1 hour'
FROM generate_series(1, {rows}) AS g
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="small")
    parser.add_argument("--as-of", default="2026-11-23")
    parser.add_argument("--dsn", default=None)
    parser.add_argument("--database", default="aquasql_bench")
    args = parser.parse_args()

    admin = resolve_dsn(args.dsn)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {args.database}")
    dsn = admin.rsplit("/", 1)[0] + "/" + args.database

    with psycopg.connect(dsn, autocommit=True, options="-c search_path=public") as conn:
        Migrator(conn).run()
        conn.execute("SELECT aquasql.generate_infrastructure(%s)", [args.profile])
        conn.execute("SELECT aquasql.generate_master_data()")
        conn.execute("SELECT aquasql.plan(%s, 42, %s)", [args.profile, args.as_of])
        conn.execute("SELECT aquasql.suspend_foreign_keys()")
        print(f"profile {args.profile}, one session, foreign keys set aside\n")
        print(f"{'family':<26}{'rows':>12}{'seconds':>10}{'rows/s':>12}{'vs raw':>8}")
        results = []
        for family, sql in conn.execute(FAMILIES).fetchall():
            started = time.perf_counter()
            rows = conn.execute(sql).fetchone()[0]
            results.append((family, rows, time.perf_counter() - started))
        readings = next(r for f, r, _ in results if f == "environmental readings")
        # the same columns, no indexes or keys: what storing such rows costs at best
        conn.execute("CREATE TABLE bench_raw_readings (LIKE environmental_environmentalreading)")
        started = time.perf_counter()
        conn.execute(RAW_BASELINE.format(rows=max(readings, 100_000)))
        raw_rate = max(readings, 100_000) / (time.perf_counter() - started)
        for family, rows, seconds in results:
            rate = rows / seconds if seconds else 0
            print(f"{family:<26}{rows:>12,}{seconds:>10.2f}{rate:>12,.0f}{rate / raw_rate:>8.2f}")
        total_rows = sum(r for _, r, _ in results)
        total_s = sum(s for _, _, s in results)
        print(
            f"{'all families':<26}{total_rows:>12,}{total_s:>10.2f}{total_rows / total_s:>12,.0f}"
            f"{total_rows / total_s / raw_rate:>8.2f}"
        )
        print(f"{'raw insert baseline':<26}{max(readings, 100_000):>12,}{'':>10}{raw_rate:>12,.0f}{1:>8.2f}")
        conn.execute("SELECT aquasql.restore_foreign_keys()")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


if __name__ == "__main__":
    main()
