"""Report: per-table checksums of one seed, saved to a file or compared with a saved one.

    .venv/bin/python bench/checksums.py --profile small --seed 1 --as-of 2026-11-01 --save small.json
    .venv/bin/python bench/checksums.py --profile small --seed 1 --as-of 2026-11-01 --compare small.json

Seeds a scratch database on the embedded cluster (or --dsn's server), then computes the row
count and row-hash sum of every public table (bench/determinism.py's checksum). With --save it
writes them as JSON; with --compare it prints the tables whose checksums differ from the file's
and exits 1 if any do. A refactoring that must not change the data is checked this way.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aquasql.connection import resolve_dsn
from determinism import checksums, scratch_database, seed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="tiny")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", default="2026-11-01")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dsn", default=None, help="a database on the server to use (default: the embedded cluster)")
    parser.add_argument("--database", default=None, help="scratch database name (default: per profile)")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="write the checksums to this JSON file")
    what.add_argument("--compare", type=Path, help="compare with the checksums in this JSON file")
    args = parser.parse_args()

    admin = resolve_dsn(args.dsn)
    dsn = scratch_database(admin, args.database or f"aquasql_bench_checksums_{args.profile}")
    seconds = seed(dsn, args.profile, args.seed, args.as_of, args.workers)
    sums = checksums(dsn)
    rows = sum(c for c, _ in sums.values())
    print(
        f"profile {args.profile}, seed {args.seed}, run date {args.as_of}: {rows:,} rows in {len(sums)} tables, "
        f"seeded in {seconds:.1f} s"
    )
    if args.save:
        args.save.write_text(json.dumps({t: [int(x) for x in v] for t, v in sums.items()}, indent=1, sort_keys=True))
        print(f"  saved to {args.save}")
        return
    saved = {t: tuple(v) for t, v in json.loads(args.compare.read_text()).items()}
    sums = {t: tuple(int(x) for x in v) for t, v in sums.items()}
    differ = sorted(t for t in saved.keys() | sums.keys() if saved.get(t) != sums.get(t))
    for t in differ:
        print(f"  differs: {t}: saved {saved.get(t)}, now {sums.get(t)}")
    if differ:
        sys.exit(1)
    print(f"  identical to {args.compare}: every table's row count and row-hash sum agree")


if __name__ == "__main__":
    main()
