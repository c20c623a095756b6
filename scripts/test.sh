#!/usr/bin/env bash
# The test suite: lint (ruff, sqlfluff), pgTAP (with and without TimescaleDB), pytest.
#
#   scripts/test.sh           everything
#   scripts/test.sh --quick   the inner loop: ruff, pgTAP with TimescaleDB, pytest, each without
#                             what is marked slow (sqlfluff, pgTAP without TimescaleDB, the pgTAP
#                             files marked "-- slow" and the slow end-to-end runs are left to the
#                             whole suite)
#
# Runs against a throwaway embedded cluster of its own; needs scripts/setup.sh to have run.
# The template databases (tests/python/templates.py) are made once and copied by every pgTAP
# file and pytest module; pgTAP files run two at a time, each in a fresh copy.
set -euo pipefail
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV_DIR=${AQUASQL_VENV:-$REPO_DIR/.venv}
export PATH="$VENV_DIR/bin:$PATH"
cd "$REPO_DIR"

quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

log() { printf '\n==> %s (%d s)\n' "$*" "$SECONDS"; }

log "ruff"
ruff check --quiet .
ruff format --check --quiet .

lint_log=$(mktemp)
if ! $quick; then
  # sqlfluff takes a minute of one core: it runs beside the cluster's start, the templates and pgTAP
  sqlfluff lint --processes 1 sql/ migrations/ tests/pgtap/ >"$lint_log" 2>&1 &
  lint_pid=$!
fi

# A throwaway cluster that its unprivileged owner can reach (CI runs as root).
export AQUASQL_HOME=$(mktemp -d /tmp/aquasql-tests.XXXXXX)
chmod 755 "$AQUASQL_HOME"
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
# The cluster goes: an immediate shutdown (SIGQUIT), without the checkpoint of a clean stop.
cleanup() {
  local pid
  pid=$(head -n 1 "$AQUASQL_HOME/pgdata/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ]; then
    kill -QUIT "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  # its hundreds of thousands of files take a minute to delete: that goes on in the background
  mv "$AQUASQL_HOME" "$AQUASQL_HOME.deleted" 2>/dev/null && (nohup rm -rf "$AQUASQL_HOME.deleted" >/dev/null 2>&1 &)
  rm -rf "$AQUASQL_HOME" "$lint_log"
}
trap cleanup EXIT
dsn=$(aquasql db start 2>/dev/null)
export AQUASQL_TEST_ADMIN_DSN="${dsn%/*}/postgres"
export AQUASQL_TEST_KEEP_DATABASES=1  # the cluster goes at the end: no DROP DATABASE (a checkpoint each)

log "template databases (migrated, and the tiny history seeded), TimescaleDB on and off"
templates=$(python tests/python/templates.py make "$AQUASQL_TEST_ADMIN_DSN")
while IFS= read -r line; do export "${line?}"; done <<<"$templates"

modes=(on off)
$quick && modes=(on)
log "pgTAP, TimescaleDB ${modes[*]}: each file in a copy of the migrated template, two at a time"
# files marked "-- slow" on their first line run first (the longest jobs start early), and only
# in the whole suite
slow_files=$(grep -l '^-- slow' tests/pgtap/*.test.sql || true)
other_files=$(grep -L '^-- slow' tests/pgtap/*.test.sql || true)
$quick && slow_files=""
# files marked "-- one mode" touch nothing TimescaleDB changes (no hypertable): they run once
jobs_file=$(mktemp)
for file in $slow_files $other_files; do
  for mode in "${modes[@]}"; do
    if [ "$mode" != "${modes[0]}" ] && grep -q '^-- one mode' "$file"; then continue; fi
    echo "$mode $file"
  done
done >"$jobs_file"
export PGTAP_OUT=$(mktemp -d)
# shellcheck disable=SC2016 # expanded by the job's own shell
xargs -P 2 -L 1 bash -c '
  started=$SECONDS mode=$1 file=$2 name=tap_${mode}_$(basename "$file" .test.sql)
  template_var=AQUASQL_TEST_TEMPLATE_MIGRATED_${mode^^}
  psql -X -q "$AQUASQL_TEST_ADMIN_DSN" -c "CREATE DATABASE $name TEMPLATE ${!template_var}"
  db="${AQUASQL_TEST_ADMIN_DSN%/*}/$name"
  psql -X -q "$db" -c "CREATE EXTENSION IF NOT EXISTS pgtap" -f tests/pgtap/helpers/tap.sql >/dev/null
  if pg_prove --dbname "$db" "$file" >"$PGTAP_OUT/$name.log" 2>&1; then status=ok; else status=FAILED; fi
  tests=$(sed -n "s/.*Tests=\([0-9]*\).*/\1/p" "$PGTAP_OUT/$name.log")
  echo "$status ${tests:-0} TimescaleDB $mode $file ($((SECONDS - started)) s)"
' _ <"$jobs_file" | tee "$PGTAP_OUT/summary"
rm -f "$jobs_file"
if grep -q '^FAILED' "$PGTAP_OUT/summary"; then
  for f in $(grep '^FAILED' "$PGTAP_OUT/summary" | awk '{print "tap_" $4 "_" $5}' | sed 's#tests/pgtap/##; s#\.test\.sql##'); do
    cat "$PGTAP_OUT/$f.log"
  done
  exit 1
fi
echo "pgTAP assertions run: $(awk '{n += $2} END {print n}' "$PGTAP_OUT/summary") in $(wc -l <"$PGTAP_OUT/summary") files"
rm -rf "$PGTAP_OUT"

if ! $quick; then
  log "sqlfluff lint sql/ migrations/ tests/pgtap/ (it ran beside the templates and pgTAP)"
  wait "$lint_pid" || { cat "$lint_log"; exit 1; }
fi

log "pytest"
if $quick; then
  pytest -q -n 2 --dist loadgroup -m "not slow" tests/python
else
  pytest -q -n 2 --dist loadgroup --durations=30 tests/python
fi
log "done"
