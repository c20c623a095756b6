"""TimescaleDB's community edition, the one AquaMind deploys on (timescaledb.license = 'timescale').

Where the test server has that edition (AQUASQL_TEST_ADMIN_DSN pointing at one): the history older
than AquaMind's compression horizon ends compressed, as its policies would leave it, with every
row as a seed without TimescaleDB has it; a seed again over compressed history (--replace) and a
wipe then a seed leave the continuous aggregates equal to the plain queries. Elsewhere these tests
skip and say why: the Apache build in the package registries has neither compression nor
continuous aggregates (the materialized-view path is tested in test_rollups.py).
"""

from __future__ import annotations

import psycopg
import pytest

from conftest import aquasql, scalar, table_checksums
from test_rollups import ROLLUPS, assert_rollups_match, differences, edition, wait_for_materialization

pytestmark = pytest.mark.slow
TINY = ["--profile", "tiny", "--as-of", "2026-11-23"]  # the tiny template's (seed 42)


@pytest.fixture(scope="module")
def community(admin_dsn, copies):
    dsn = copies("migrated", "on")
    if scalar(dsn, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'") == 0:
        pytest.skip("the test server has no TimescaleDB")
    if edition(dsn) != "timescale":
        pytest.skip(
            f"needs TimescaleDB's community edition (timescaledb.license = 'timescale'); this server's is "
            f"{edition(dsn)!r}, which has no compression or continuous aggregates"
        )
    return copies


def compression_state(dsn: str) -> tuple[int, int, int]:
    """(chunks a policy would compress now, compressed chunks, chunks wholly past the horizon) of the readings."""
    with psycopg.connect(dsn) as conn:
        pending = conn.execute("SELECT count(*) FROM aquasql.chunks_to_compress()").fetchone()[0]
        compressed, past = conn.execute(
            "SELECT count(*) FILTER (WHERE is_compressed),"
            " count(*) FILTER (WHERE range_end <= now() - INTERVAL '7 days')"
            " FROM timescaledb_information.chunks WHERE hypertable_name = 'environmental_environmentalreading'"
        ).fetchone()
    return pending, compressed, past


def assert_compressed_as_the_policies_would(dsn: str) -> None:
    pending, compressed, past = compression_state(dsn)
    assert past > 0, "the tiny history is older than the horizon: something to compress"
    assert (pending, compressed) == (0, past)


def test_cli_seed_compresses_the_history_and_keeps_every_row(community):
    dsn, plain = community("tiny", "on"), community("tiny", "off")
    assert_compressed_as_the_policies_would(dsn)
    assert table_checksums(dsn) == table_checksums(plain)
    assert_rollups_match(dsn)
    assert "0 failed" in aquasql("verify", "--dsn", dsn, check=True).stdout


def test_seed_again_over_compressed_history(community):
    dsn, plain = community("tiny", "on"), community("tiny", "off")
    aquasql("seed", "--dsn", dsn, *TINY, "--replace", "--quiet", check=True)
    assert_compressed_as_the_policies_would(dsn)
    assert table_checksums(dsn) == table_checksums(plain)
    assert_rollups_match(dsn)


def test_sql_seed_compresses_and_its_rollups_show_every_row(community):
    dsn, plain = community("migrated", "on"), community("tiny", "off")
    with psycopg.connect(dsn, autocommit=True) as conn:
        steps = conn.execute("SELECT step, item, total FROM aquasql.seed('tiny', 42, '2026-11-23')").fetchall()
    assert ("compression", "chunks compressed as the policies would") in {(s, i) for s, i, _ in steps}
    assert_compressed_as_the_policies_would(dsn)
    assert table_checksums(dsn) == table_checksums(plain)
    wait_for_materialization(dsn)
    assert_rollups_match(dsn)


def test_wipe_then_seed_rollups_follow(community):
    dsn = community("tiny", "on")
    aquasql("wipe", "--dsn", dsn, "--yes", check=True)
    for name in sorted(ROLLUPS):
        assert differences(dsn, name) == (0, 0, 0), f"{name} still shows wiped rows"
    aquasql("seed", "--dsn", dsn, *TINY, "--quiet", check=True)
    assert_rollups_match(dsn)
    assert_compressed_as_the_policies_would(dsn)
