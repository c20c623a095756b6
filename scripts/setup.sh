#!/usr/bin/env bash
# Set up aquasql on a Debian 12 machine: PostgreSQL 15, pgTAP, TimescaleDB (Apache edition,
# built from Debian 13's source package), and a virtual environment with the package.
# Idempotent: every step is skipped when its result is already there.
set -euo pipefail

PG_MAJOR=15
PG_CONFIG=/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config
TIMESCALEDB_SOURCE_SUITE=trixie
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV_DIR=${AQUASQL_VENV:-$REPO_DIR/.venv}

log() { printf '==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive

apt_packages=(
  "postgresql-${PG_MAJOR}" "postgresql-contrib"
  "postgresql-${PG_MAJOR}-pgtap" libtap-parser-sourcehandler-pgtap-perl
  # The TimescaleDB build needs the server headers; installing them first also brings the
  # server to the matching minor release before any cluster starts.
  "postgresql-server-dev-${PG_MAJOR}" cmake gcc make
  python3-venv
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

pkglibdir=$("$PG_CONFIG" --pkglibdir)
if ls "$pkglibdir"/timescaledb*.so >/dev/null 2>&1; then
  log "TimescaleDB already installed in $pkglibdir"
else
  log "building TimescaleDB (Apache edition) from Debian ${TIMESCALEDB_SOURCE_SUITE}'s source package"
  work=$(mktemp -d)
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
  echo "deb-src http://deb.debian.org/debian ${TIMESCALEDB_SOURCE_SUITE} main" >"$work/sources.list"
  # A private apt configuration, so the machine's own sources stay untouched.
  apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
               -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
  apt-get "${apt_private[@]}" update -qq
  (cd "$work" && apt-get "${apt_private[@]}" source --download-only timescaledb >/dev/null)
  tar -xf "$work"/timescaledb_*.orig.tar.* -C "$work"
  src=$(find "$work" -maxdepth 1 -type d -name 'timescaledb-*' | head -n1)
  cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DAPACHE_ONLY=1 \
    -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DSEND_TELEMETRY_DEFAULT=OFF -DUSE_TELEMETRY=OFF \
    -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$PG_CONFIG" >/dev/null 2>&1
  make -C "$src/build" -j"$(nproc)" >/dev/null
  as_root make -C "$src/build" install >/dev/null
  rm -rf "$work"
  log "TimescaleDB installed: $(ls "$pkglibdir"/timescaledb*.so | tr '\n' ' ')"
fi

if [ ! -x "$VENV_DIR/bin/python" ]; then
  log "creating virtual environment $VENV_DIR"
  python3 -m venv "$VENV_DIR"
fi
log "installing the aquasql package into $VENV_DIR"
"$VENV_DIR/bin/pip" install -q --disable-pip-version-check -e "$REPO_DIR[test]"
log "ready in ${SECONDS} s: $VENV_DIR/bin/aquasql"
