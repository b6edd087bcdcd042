#!/usr/bin/env bash
# Starts what the full test suite (and `.ci/run`) needs beside Python: PostgreSQL on
# postgres://postgres@127.0.0.1:5432/ (trust authentication on loopback only) and Redis on
# 127.0.0.1:6379. Installs them from Debian's packages when they are missing. Safe to run again:
# whatever is already installed, configured or running is left as it is.
#
#   site/dev-services.sh          install if needed, configure, start, wait until both answer
#   site/dev-services.sh stop     stop both
#
# Needs root (apt-get, the postgres system user). `make run` and `make test` do not need it:
# without DATABASE_URL and REDIS_URL they use SQLite and the local-memory cache.
set -euo pipefail

PG_PORT=5432
REDIS_PORT=6379
WAIT_SECONDS=${SERVICES_WAIT_SECONDS:-60}

say() { printf 'services: %s\n' "$*"; }
fail() { printf 'services: %s\n' "$*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" = 0 ] || fail "run as root (it installs Debian packages and starts system services)"
}

apt_install() {
  # apt-get update only when the package lists are too old to know the packages.
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; then
    say "apt-get update"
    apt-get update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null
  fi
}

pg_version() {
  # The newest cluster version installed (Debian 12: 15).
  ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1
}

install_missing() {
  local missing=()
  [ -n "$(pg_version)" ] && command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v redis-cli >/dev/null || missing+=(redis-tools)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

PG_RESTART=""

configure_postgresql() {
  local version hba conf
  version=$(pg_version)
  [ -n "$version" ] || fail "no PostgreSQL cluster under /etc/postgresql after installing postgresql"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    say "creating the PostgreSQL $version cluster"
    pg_createcluster "$version" main >/dev/null
  fi
  hba=/etc/postgresql/$version/main/pg_hba.conf
  conf=/etc/postgresql/$version/main/postgresql.conf
  # Trust on loopback only; the marker keeps the lines from being added twice. They go first so that
  # they win over Debian's default md5/scram lines for the same addresses.
  if ! grep -q '# ogp-toolbox dev-services' "$hba"; then
    say "trust authentication for 127.0.0.1 and ::1 in $hba"
    {
      echo "# ogp-toolbox dev-services: passwordless access from this machine only"
      echo "host    all    all    127.0.0.1/32    trust"
      echo "host    all    all    ::1/128         trust"
      cat "$hba"
    } >"$hba.new"
    chown --reference="$hba" "$hba.new"
    chmod --reference="$hba" "$hba.new"
    mv "$hba.new" "$hba"
    PG_RESTART=1
  fi
  # Loopback only, on the expected port, whatever the cluster's previous configuration said (the
  # last line of a setting wins); a running cluster reads these only when it restarts.
  if [ "$(grep -E '^listen_addresses' "$conf" | tail -n 1)" != "listen_addresses = 'localhost'" ]; then
    echo "listen_addresses = 'localhost'" >>"$conf"
    PG_RESTART=1
  fi
  if [ "$(grep -E '^port' "$conf" | tail -n 1 | awk '{print $3}')" != "$PG_PORT" ]; then
    echo "port = $PG_PORT" >>"$conf"
    PG_RESTART=1
  fi
}

start_postgresql() {
  local version
  version=$(pg_version)
  if pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    if [ -n "$PG_RESTART" ]; then
      say "restarting PostgreSQL $version (its configuration changed)"
      pg_ctlcluster "$version" main restart
    else
      say "PostgreSQL $version already running"
    fi
  else
    say "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start
  fi
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    say "Redis already running"
  else
    say "starting Redis"
    # No persistence: it only holds caches and throttling counters for tests and development.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
      --logfile /tmp/ogp-toolbox-redis.log >/dev/null
  fi
}

wait_until_ready() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  until psql "postgres://postgres@127.0.0.1:$PG_PORT/postgres" -tAc 'SELECT 1' >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "PostgreSQL does not answer on 127.0.0.1:$PG_PORT after ${WAIT_SECONDS}s"
    sleep 0.5
  done
  until redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do
    [ $SECONDS -lt $deadline ] || fail "Redis does not answer on 127.0.0.1:$REDIS_PORT after ${WAIT_SECONDS}s"
    sleep 0.5
  done
  say "ready: DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/toolbox REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
}

stop_all() {
  local version
  version=$(pg_version)
  if [ -n "$version" ]; then pg_ctlcluster "$version" main stop 2>/dev/null || true; fi
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave 2>/dev/null || true
  say "stopped"
}

case "${1:-start}" in
  start)
    need_root
    install_missing
    configure_postgresql
    start_postgresql
    start_redis
    wait_until_ready
    ;;
  stop)
    need_root
    stop_all
    ;;
  *)
    fail "usage: $0 [start|stop]"
    ;;
esac
