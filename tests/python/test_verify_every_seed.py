"""Property: `aquasql seed` then `aquasql verify` shows no FAIL, whatever the seed and run date.

A user who seeds and verifies must never see a check fail on data aquasql made unchanged: either
the model left a band (a model bug) or the band does not fit that data (a check bug). This runs
tiny seeds, tiny plans of 1-3 batches with staggers of 200-1000 days (the property test's
arguments) and small seeds, run dates spread over 2020-2035, and asserts that every check
passes: 3 tiny seeds and 1 plan in the suite (the hypothesis property test seeds more tiny
ones), 50 tiny seeds, 10 plans and 10 small seeds in CI. The cases are derived from a hash of their index, so every run seeds the same ones.

Slow (one database per profile, reseeded with --replace, each case a few seconds on tiny and
about a minute on small): left out of a quick run by `-m "not slow"`.
AQUASQL_VERIFY_SEEDS=tiny:10,plans:4,small:2 runs fewer (or more) of each kind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import pytest

from conftest import aquasql
from dbstate import Databases

pytestmark = pytest.mark.slow

FIRST, LAST = dt.date(2020, 1, 1), dt.date(2035, 12, 31)
# The suite's sample; CI sweeps 50 tiny seeds, 10 plans and 10 small seeds (.ci/run sets
# AQUASQL_VERIFY_SEEDS=tiny:50,plans:10,small:10), which takes 10 minutes or more on 2 cores.
COUNTS = {"tiny": 1, "plans": 1, "small": 0}
COUNTS.update(
    {k: int(v) for k, v in (x.split(":") for x in os.environ.get("AQUASQL_VERIFY_SEEDS", "").split(",") if x)}
)


def cases(kind: str, n: int) -> list[tuple[str, list[str]]]:
    """n cases of a kind: (profile, seed arguments). Run dates stratified over 2020-2035 (one
    per n-th of the span, the day within it from the hash), so that every year is visited."""
    span = (LAST - FIRST).days + 1
    made = []
    for i in range(n):
        h = int.from_bytes(hashlib.sha256(f"verify-every-seed/{kind}/{i}".encode()).digest(), "big")
        as_of = FIRST + dt.timedelta(days=(i * span + (h >> 64) % span) // n)
        args = ["--seed", str(h % 2**31), "--as-of", as_of.isoformat()]
        if kind == "plans":
            args += ["--batches", str(1 + (h >> 128) % 3), "--stagger", str(200 + (h >> 160) % 801)]
        made.append(("small" if kind == "small" else "tiny", args))
    return made


CASES = [case for kind, n in COUNTS.items() for case in cases(kind, n)]


@pytest.fixture(scope="module")
def database(admin_dsn):
    """One migrated database per profile (vs: verify seeds), reseeded by every case with --replace."""
    made = Databases(admin_dsn, "vs_every_seed")
    dsns: dict[str, str] = {}

    def get(profile: str) -> str:
        if profile not in dsns:
            dsns[profile] = made.new(migrated=True)
        return dsns[profile]

    yield get
    made.drop_all()


@pytest.mark.parametrize("profile,args", CASES, ids=[f"{p}-{' '.join(a[1::2])}".replace(" ", "-") for p, a in CASES])
def test_seed_then_verify_has_no_fail(database, profile, args):
    dsn = database(profile)
    command = f"aquasql seed --profile {profile} {' '.join(args)}"
    seeded = aquasql("seed", "--dsn", dsn, "--profile", profile, *args, "--workers", "2", "--replace", "--quiet")
    if seeded.returncode == 1 and any(x in seeded.stderr for x in ("ran out", "leaves no room")):
        pytest.skip(f"{command}: refused, the infrastructure cannot hold this schedule")
    assert seeded.returncode == 0, f"{command}\n{seeded.stderr[-3000:]}"
    verify = aquasql("verify", "--dsn", dsn, "--json")
    checks = json.loads(verify.stdout or "[]")
    assert checks, f"{command}: verify printed no checks\n{verify.stderr[-2000:]}"
    failed = [c for c in checks if not c["pass"]]
    assert not failed, f"{command}: {len(failed)} of {len(checks)} checks FAIL:\n" + "\n".join(
        f"  {c['name']}: measured {c['measured']}, expected {c['expected']} ({c['detail']})" for c in failed
    )
