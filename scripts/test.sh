#!/usr/bin/env bash
# The test suite: sqlfluff lint, pgTAP (with and without TimescaleDB), pytest.
# Runs against a throwaway embedded cluster of its own; needs scripts/setup.sh to have run.
set -euo pipefail
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV_DIR=${AQUASQL_VENV:-$REPO_DIR/.venv}
export PATH="$VENV_DIR/bin:$PATH"
cd "$REPO_DIR"

log() { printf '\n==> %s\n' "$*"; }

log "sqlfluff lint sql/ migrations/"
sqlfluff lint --processes 2 sql/ migrations/

# A throwaway cluster that its unprivileged owner can reach (CI runs as root).
export AQUASQL_HOME=$(mktemp -d /tmp/aquasql-tests.XXXXXX)
chmod 755 "$AQUASQL_HOME"
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
cleanup() { aquasql db stop >/dev/null 2>&1 || true; rm -rf "$AQUASQL_HOME"; }
trap cleanup EXIT
dsn=$(aquasql db start 2>/dev/null)
base=${dsn%/*}
export AQUASQL_TEST_ADMIN_DSN="$base/postgres"

pgtap_total=0
for mode in on off; do
  db="pgtap_timescaledb_$mode"
  psql -q "$AQUASQL_TEST_ADMIN_DSN" -c "CREATE DATABASE $db"
  aquasql migrate --dsn "$base/$db" --timescaledb "$mode" >/dev/null
  psql -q "$base/$db" -c "CREATE EXTENSION IF NOT EXISTS pgtap"
  log "pgTAP, TimescaleDB $mode"
  out=$(pg_prove --dbname "$base/$db" tests/pgtap/*.test.sql 2>&1) || { echo "$out"; exit 1; }
  echo "$out" | tail -n 3
  count=$(echo "$out" | sed -n 's/.*Tests=\([0-9]*\).*/\1/p')
  pgtap_total=$((pgtap_total + ${count:-0}))
done
echo "pgTAP assertions run: $pgtap_total"

log "pytest"
pytest tests/python
