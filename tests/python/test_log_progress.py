"""Output to a log, not a terminal: long work prints plain progress lines, not a silent wait."""

import re

import pytest

from conftest import aquasql, databases_made, scalar

pytestmark = pytest.mark.slow  # seeds with their progress read from a pipe

TINY = ["--profile", "tiny", "--as-of", "2026-11-23"]
# the foreign keys a load sets aside: those of the target schema's tables, not their chunks' copies
FOREIGN_KEYS = (
    "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
    " AND conparentid = 0 AND conrelid IN (SELECT oid FROM pg_class"
    " WHERE relnamespace = 'public'::regnamespace)"
)


def counts(stderr: str, label: str) -> list[tuple[int, int]]:
    """The (done, total) of every '  label: 5/14 done, 3 s' line."""
    return [(int(d), int(n)) for d, n in re.findall(rf"^  {label}: (\d+)/(\d+) done, \d+ s$", stderr, flags=re.M)]


@pytest.fixture(scope="module")
def piped_seed(admin_dsn):
    """A tiny seed into a log, with a progress line every 0.05 s: (its result, its database)."""
    with databases_made(admin_dsn) as make:
        dsn = make()
        result = aquasql("seed", "--dsn", dsn, *TINY, "--workers", "2", env={"AQUASQL_LOG_INTERVAL": "0.05"})
        assert result.returncode == 0, result.stderr
        yield result, dsn


def test_piped_seed_prints_progress_lines(piped_seed):
    result, _ = piped_seed
    assert re.search(r"generating batches: \d+/2, [\d,]+ rows, [\d,]+ rows/s, ETA \d+ s", result.stderr)
    # steps that run one long statement say they are still at it
    assert re.search(r"^  [a-z][^\n]* … \d+ s$", result.stderr, flags=re.M), result.stderr


def test_index_and_key_builds_count_what_is_done(piped_seed):
    result, dsn = piped_seed
    # beside the cross-batch steps: the keys of the tables they do not write, then the indexes
    early, indexes = map(
        int,
        re.search(
            r"^  validating (\d+) foreign keys and building (\d+) set-aside indexes, after the cross-batch steps: "
            r"[0-9.]+ s$",
            result.stderr,
            flags=re.M,
        ).groups(),
    )
    keys = scalar(dsn, FOREIGN_KEYS)
    assert early > 0 and indexes > 0 and keys > 100
    for label, total in (("keys and indexes", early + indexes), ("validating foreign keys", keys - early)):
        lines = counts(result.stderr, label)
        assert lines, f"no '{label}' lines:\n{result.stderr}"
        assert all(n == total for _, n in lines), lines
        done = [d for d, _ in lines]
        assert done == sorted(done) and done[-1] == total, lines  # counting up, the last line when all are done
        assert done.count(total) == 1, lines
    # ...and they are no step lines (bench/full.py reads "  label: N.N s" as a phase)
    assert not re.search(r"^  (keys and indexes|validating foreign keys): [0-9.]+ s$", result.stderr, flags=re.M)
    assert scalar(dsn, "SELECT count(*) FROM aquasql.suspended_constraint") == 0
    assert scalar(dsn, "SELECT count(*) FROM aquasql.suspended_index") == 0


def test_progress_lines_at_most_every_interval(fresh_db):
    """With an interval longer than the run, each count prints its closing line only."""
    result = aquasql("seed", "--dsn", fresh_db, *TINY, "--workers", "2", env={"AQUASQL_LOG_INTERVAL": "3600"})
    assert result.returncode == 0, result.stderr
    [(done, total)] = counts(result.stderr, "validating foreign keys")
    assert done == total > 100
    [(done, total)] = counts(result.stderr, "keys and indexes")
    assert done == total > 0
    assert not re.search(r" … \d+ s$", result.stderr, flags=re.M), "no heartbeat within the interval"
