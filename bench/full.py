"""Benchmark: `aquasql seed` end to end on a fresh database, against a raw insert baseline.

    .venv/bin/python bench/full.py [--only all|full|batch|tiny] [--profile full] [--batches N]
        [--target standalone|cb41030|c6cd7d5] [--workers N] [--dsn DSN] [--no-baseline]

Each run gets a scratch database of its own, made next to the one the DSN names (default: the
embedded cluster). For --target standalone aquasql builds AquaMind's schema itself; for an
AquaMind version the database is first made by the AquaMind fixture's restore script
(../shared/aquamind/restore, or $AQUASQL_AQUAMIND_FIXTURES), as AquaMind's own migrations leave
it. Then it runs the CLI as a user would:
- full: `aquasql seed --profile full` (--profile, --batches change it): seconds of each phase
  (the CLI's own step lines), rows per table, rows/s;
- batch: `aquasql batch --days 900`, one batch: end to end, and the generation of its 900 days;
- tiny: `aquasql seed --profile tiny` end to end.
On TimescaleDB's community edition the seed also compresses the history its compression
policies would: the report gives the hypertables' size before and after, and the database's.
For each: the peak memory of the CLI process and, when the server runs on this machine, of the
server (sum of the proportional set sizes of its processes, sampled every second from /proc).
Last, a raw baseline measured in the same server: 10 M comparable rows by one INSERT … SELECT
over generate_series, then a primary key and 3 indexes built; and each run's ratio to it. The
figures are printed with their targets. Machines here are shared: quote medians.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from aquasql.connection import resolve_dsn

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(os.environ.get("AQUASQL_AQUAMIND_FIXTURES", REPO.parent / "shared" / "aquamind"))
STEP_LINE = re.compile(r"^  (?P<label>[^:]+): (?P<seconds>[0-9.]+) s$")
# load_batches' closing line: "  1 batches, N rows: batches loaded in 2.1 s (…), whole step … 4.0 s"
LOADED_LINE = re.compile(
    r"batches loaded in (?P<seconds>[0-9.]+) s .*whole step with keys and indexes "
    r"(?P<whole>[0-9.]+) s"
)
# the targets of issue 12, seconds
TARGETS = {"full": 180.0, "batch": 3.0, "tiny": 10.0}

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


@dataclass
class Run:
    name: str
    dsn: str
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    generation: float | None = None  # the batches' own transactions (load_batches' closing line)
    load_step: float | None = None  # the load step with keys and indexes
    cli_peak_kib: int = 0
    server_peak_kib: int | None = None
    rows: dict[str, int] = field(default_factory=dict)
    compression: str | None = None  # the CLI's line: chunks compressed, hypertables' size before and after


def run_cli(run: Run, args: list[str]) -> Run:
    """Run `aquasql ARGS --dsn DSN` as a user would: its step lines, time, peak memory of it and the server."""
    command = [sys.executable, "-m", "aquasql", *args, "--dsn", run.dsn]
    print(f"\n$ aquasql {' '.join(args)}", file=sys.stderr)
    with ServerMemory(run.dsn) as server:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in process.stderr:
            print(line, end="", file=sys.stderr)
            if match := STEP_LINE.match(line.rstrip("\n")):
                run.phases[match["label"]] = float(match["seconds"])
            if match := LOADED_LINE.search(line):
                run.generation, run.load_step = float(match["seconds"]), float(match["whole"])
            if "chunks compressed: hypertables" in line:
                run.compression = line.strip()
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, not the largest so far
        process.returncode = os.waitstatus_to_exitcode(status)
        run.seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"aquasql {args[0]} failed (exit {process.returncode})")
    run.cli_peak_kib = usage.ru_maxrss
    run.server_peak_kib = server.peak_kib
    run.rows = table_rows(run.dsn)
    return run


class ServerMemory:
    """Peak memory of a local server while the block runs: the sum of Pss (else Rss) of the
    postmaster and its children, read from /proc every second. peak_kib is None for a server
    on another machine (its postmaster.pid is not here) or without /proc."""

    def __init__(self, dsn: str, interval: float = 1.0):
        self.interval = interval
        self.peak_kib: int | None = None
        self.postmaster = postmaster_pid(dsn)
        self._done = threading.Event()

    def __enter__(self) -> ServerMemory:
        if self.postmaster is not None:
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        if self.postmaster is not None:
            self._thread.join()

    def _sample(self) -> None:
        while True:
            kib = server_kib(self.postmaster)
            self.peak_kib = max(self.peak_kib or 0, kib)
            if self._done.wait(self.interval):
                return


def postmaster_pid(dsn: str) -> int | None:
    try:
        with psycopg.connect(dsn) as conn:
            data_dir = conn.execute("SELECT current_setting('data_directory')").fetchone()[0]
        pid = int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
        return pid if Path(f"/proc/{pid}").exists() else None
    except (psycopg.Error, OSError, ValueError, IndexError):  # not a superuser, not this machine
        return None


def server_kib(postmaster: int) -> int:
    pids = [postmaster]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:  # pid (comm) state ppid …: comm may hold spaces, so split after its ')'
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                pids.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
    total = 0
    for pid in pids:
        for name, field_name in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
            try:
                line = next(x for x in Path(f"/proc/{pid}/{name}").read_text().splitlines() if x.startswith(field_name))
                total += int(line.split()[1])
                break
            except (OSError, StopIteration):
                continue
    return total


def table_rows(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT c.relname FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace"
                " AND c.relkind IN ('r', 'p') ORDER BY 1"
            )
        ]
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
    parser.add_argument(
        "--only", choices=["all", "full", "batch", "tiny"], default="all", help="which run (default: all three)"
    )
    parser.add_argument("--profile", default="full", help="profile of the 'full' run")
    parser.add_argument("--batches", type=int, default=None, help="--batches of the 'full' run (a quick check)")
    parser.add_argument("--target", default="standalone", help="standalone, or an AquaMind version (cb41030, c6cd7d5)")
    parser.add_argument("--as-of", default="2026-11-23")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-start", default="2023-01-01", help="--start-date of the 900-day batch")
    parser.add_argument("--dsn", default=None, help="a database on the server to use (default: the embedded cluster)")
    parser.add_argument(
        "--database", default="aquasql_bench_full", help="name of the scratch databases (+ _batch, _tiny)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the raw insert baseline")
    args = parser.parse_args()

    if args.target != "standalone" and not (FIXTURES / "restore").is_file():
        sys.exit(f"no AquaMind fixtures at {FIXTURES}: set AQUASQL_AQUAMIND_FIXTURES to the folder holding restore")
    admin = resolve_dsn(args.dsn)
    common = ["--seed", str(args.seed), "--workers", str(args.workers)]
    plans = {
        "full": ["seed", "--profile", args.profile, "--as-of", args.as_of, *common]
        + (["--batches", str(args.batches)] if args.batches else []),
        "batch": ["batch", "--start-date", args.batch_start, "--days", "900", *common],
        "tiny": ["seed", "--profile", "tiny", "--as-of", args.as_of, *common],
    }
    runs: list[Run] = []
    for name, command in plans.items():
        if args.only not in ("all", name):
            continue
        dsn = scratch_database(admin, args.database if name == "full" else f"{args.database}_{name}")
        if args.target != "standalone":
            subprocess.run(["bash", str(FIXTURES / "restore"), dsn, args.target], check=True, capture_output=True)
        runs.append(run_cli(Run(name, dsn), command))
    with psycopg.connect(runs[-1].dsn) as conn:
        server = conn.execute("SELECT current_setting('server_version')").fetchone()[0]
    raw = None if args.no_baseline else raw_baseline(runs[-1].dsn)

    print(f"\ntarget {args.target}, {args.workers} worker(s), PostgreSQL {server}, {os.cpu_count()} cores")
    for run in runs:
        report(run, args, raw)
    print("\nagainst the targets")
    for run in runs:
        total = sum(run.rows.values())
        comparable = True
        if run.name == "batch":
            measured, what = run.generation, "900-day batch, generation"
            print(f"  {'900-day batch, end to end':<44} {run.seconds:7.1f} s")
        elif run.name == "full" and (args.profile != "full" or args.batches):
            measured, what = run.seconds, f"{args.profile} profile, --batches {args.batches or '-'}, end to end"
            comparable = False
        else:
            measured, what = run.seconds, f"{run.name} profile, end to end"
        verdict = (
            "n/a" if measured is None or not comparable else ("met" if measured <= TARGETS[run.name] else "MISSED")
        )
        shown = "?" if measured is None else f"{measured:.1f}"
        ratio = f"; ratio to raw {total / run.seconds / raw:.2f}" if raw else ""
        print(f"  {what:<44} {shown:>7} s  target ≤ {TARGETS[run.name]:.0f} s: {verdict}{ratio}")
    if raw:
        print(f"  raw baseline (same server): {raw:,.0f} rows/s")


def report(run: Run, args, raw: float | None) -> None:
    total = sum(run.rows.values())
    with psycopg.connect(run.dsn) as conn:
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()[0]
    print(f"\n== {run.name}: database {run.dsn.rsplit('/', 1)[1]}, {size}")
    print("seconds per phase")
    for label, s in run.phases.items():
        print(f"  {s:8.1f}  {label}")
    if run.generation is not None:
        print(f"  {run.generation:8.1f}  generation (the batches' own transactions)")
    print("rows per table")
    for table, n in sorted(run.rows.items(), key=lambda kv: -kv[1]):
        print(f"  {n:>12,}  {table}")
    print(f"  {total:,} rows in {run.seconds:.1f} s end to end = {total / run.seconds:,.0f} rows/s")
    if raw:
        print(f"  raw baseline (same server): {raw:,.0f} rows/s; ratio {total / run.seconds / raw:.2f}")
    print(f"  peak memory of the CLI process: {run.cli_peak_kib / 1024:.0f} MB")
    print(f"  compression (community edition): {run.compression or 'none (no compression policy here)'}")
    server = (
        "not measured (server not on this machine)"
        if run.server_peak_kib is None
        else f"{run.server_peak_kib / 1024:,.0f} MB (sum of Pss of its processes, sampled every second)"
    )
    print(f"  peak memory of the server: {server}")


if __name__ == "__main__":
    main()
