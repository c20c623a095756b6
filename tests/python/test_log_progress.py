"""Output to a log, not a terminal: long work prints plain progress lines, not a silent wait."""

import re

from conftest import aquasql


def test_piped_seed_prints_progress_lines(fresh_db):
    result = aquasql("seed", "--dsn", fresh_db, "--profile", "tiny", "--as-of", "2026-11-23", "--workers", "1",
                     env={"AQUASQL_LOG_INTERVAL": "0.05"})
    assert result.returncode == 0, result.stderr
    assert re.search(r"generating batches: \d+/2, [\d,]+ rows, [\d,]+ rows/s, ETA \d+ s", result.stderr)
    # steps that run one long statement say they are still at it
    assert re.search(r"^  [a-z][^\n]* … \d+ s$", result.stderr, flags=re.M), result.stderr
