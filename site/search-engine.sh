#!/usr/bin/env bash
# A single-node OpenSearch 2.19 on 127.0.0.1 for development and CI, built from Maven Central jars by
# site/search-engine/ (no download of a distribution, no root, no system service). Its data live in a
# temporary folder removed when it stops: each start is an empty engine.
#
#   site/search-engine.sh start    build if needed, start in the background, wait until healthy
#   site/search-engine.sh stop     stop it (safe when it is not running)
#   site/search-engine.sh status   say whether it runs (exit 0) or not (exit 3)
#   site/search-engine.sh url      print OPENSEARCH_URL=… (exit 1 when it does not answer)
#
# OPENSEARCH_PORT (default 9200) is the HTTP port; the transport port is any free one unless
# OPENSEARCH_TRANSPORT_PORT says otherwise. OPENSEARCH_JAVA_OPTS replaces the memory options,
# SEARCH_ENGINE_WAIT_SECONDS (default 120) the start-up timeout. The log and the PID file are
# site/search-engine/target/run/opensearch-PORT.log and .pid. Needs Java 17 (or newer), Maven and
# curl; `make run` and `make test` do not need any of them.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT=$HERE/search-engine
TARGET=$PROJECT/target
RUN=$TARGET/run
PORT=${OPENSEARCH_PORT:-9200}
# One PID file and one log per port: engines on two ports are two engines.
PID_FILE=$RUN/opensearch-$PORT.pid
LOG=$RUN/opensearch-$PORT.log
URL=http://127.0.0.1:$PORT
WAIT_SECONDS=${SEARCH_ENGINE_WAIT_SECONDS:-120}
MAIN_CLASS=org.ogptoolbox.searchengine.LocalOpenSearch
CLUSTER_NAME=ogp-toolbox-dev
JAVA_MEMORY=${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g -XX:MaxDirectMemorySize=512m}
NEEDS="Java 17 and Maven are needed for the local search engine (apt-get install openjdk-17-jdk-headless maven); everything else works without it."

say() { printf 'search-engine: %s\n' "$*"; }
fail() { printf 'search-engine: %s\n' "$*" >&2; exit 1; }

case "$PORT" in '' | *[!0-9]*) fail "OPENSEARCH_PORT is not a port number: $PORT" ;; esac

need_tools() {
  local version
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    echo "$NEEDS" >&2
    exit 1
  fi
  # "17.0.15", "21.0.2", or "1.8.0_392" for Java 8.
  version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  case "$version" in 1.* | '' | [0-9] | 1[0-6]) echo "$NEEDS (found Java ${version:-of unknown version})" >&2; exit 1 ;; esac
  command -v curl >/dev/null 2>&1 || fail "curl is needed to see when the search engine is ready (apt-get install curl)"
}

# --- the build ------------------------------------------------------------------------------------

build_stamp() {
  # Changes when the POM or the Java source changes.
  local sum
  sum=$(find "$PROJECT/pom.xml" "$PROJECT/src" -type f \( -name pom.xml -o -name '*.java' \) -print0 | sort -z |
    xargs -0 cat | cksum | cut -d' ' -f1)
  echo "$TARGET/.built-$sum"
}

build() {
  local stamp started
  stamp=$(build_stamp)
  if [ -f "$stamp" ] && [ -f "$TARGET/search-engine.jar" ] && [ -d "$TARGET/lib" ]; then
    return
  fi
  say "building site/search-engine (the first time, Maven downloads about 85 MB from Maven Central)"
  started=$SECONDS
  rm -rf "${TARGET:?}/lib" "$TARGET"/.built-*
  mkdir -p "$TARGET"
  if ! mvn -q -B -f "$PROJECT/pom.xml" package >"$TARGET/build.log" 2>&1; then
    tail -n 40 "$TARGET/build.log" >&2
    fail "the build failed (whole output in $TARGET/build.log)"
  fi
  touch "$stamp"
  say "built in $((SECONDS - started)) s"
}

# --- what is running ------------------------------------------------------------------------------

our_pid() {
  # The PID in the PID file when that process is alive and is our node (not a recycled PID).
  local pid
  [ -f "$PID_FILE" ] || return 1
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  kill -0 "$pid" 2>/dev/null || return 1
  ps -o args= -p "$pid" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

healthy() {
  curl -fsS --max-time 3 "$URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

port_taken() {
  # Something accepts connections on 127.0.0.1:$PORT (bash's /dev/tcp: no ss or netstat needed).
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

serves_our_cluster() {
  curl -fsS --max-time 3 "$URL/" 2>/dev/null | grep -q "\"cluster_name\" *: *\"$CLUSTER_NAME\""
}

print_url() {
  echo "OPENSEARCH_URL=$URL"
}

# --- the commands ---------------------------------------------------------------------------------

start() {
  local pid deadline
  if pid=$(our_pid); then
    if healthy; then
      say "already running (pid $pid)"
      print_url
      return
    fi
    say "pid $pid is running but does not answer on $URL yet; waiting"
  else
    if port_taken; then
      if serves_our_cluster; then
        fail "127.0.0.1:$PORT is served by an OGP Toolbox search engine started from another checkout (no PID file in $RUN): stop it there, or set OPENSEARCH_PORT to another port"
      fi
      fail "127.0.0.1:$PORT is already taken by something that is not this search engine (see: ss -ltnp 'sport = :$PORT'); stop it or set OPENSEARCH_PORT to another port"
    fi
    need_tools
    build
    mkdir -p "$RUN"
    rm -f "$PID_FILE"
    say "starting OpenSearch on $URL (log: ${LOG#"$PWD"/})"
    # The options OpenSearch's own launcher sets, less what only its Bootstrap needs.
    # shellcheck disable=SC2086 # JAVA_MEMORY holds several options
    nohup java $JAVA_MEMORY -Xss1m -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
      -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true -Djava.locale.providers=SPI,COMPAT \
      -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
      -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Djava.io.tmpdir="${TMPDIR:-/tmp}" \
      -cp "$TARGET/search-engine.jar:$TARGET/lib/*" "$MAIN_CLASS" "$PORT" </dev/null >"$LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
  fi
  deadline=$((SECONDS + WAIT_SECONDS))
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      printf '\n' >&2
      tail -n 30 "$LOG" >&2
      rm -f "$PID_FILE"
      fail "OpenSearch stopped during start-up (whole log: $LOG)"
    fi
    if [ $SECONDS -ge "$deadline" ]; then
      printf '\n' >&2
      tail -n 30 "$LOG" >&2
      stop >/dev/null
      fail "OpenSearch was not healthy on $URL after ${WAIT_SECONDS}s: stopped it (whole log: $LOG)"
    fi
    printf '.' >&2
    sleep 1
  done
  printf '\n' >&2
  say "ready (pid $pid)"
  print_url
}

stop() {
  local pid data
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"
    say "not running"
    return
  fi
  kill -TERM "$pid" 2>/dev/null || true
  # The node closes itself and removes its data folder on SIGTERM, usually within a few seconds.
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid still running after 30 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
    # Killed, it could not remove its temporary data folder: the log says where it was.
    data=$(sed -n 's/.*(data in \(.*\/ogp-toolbox-opensearch-[0-9]*\))$/\1/p' "$LOG" 2>/dev/null | tail -n 1)
    if [ -n "$data" ] && [ -d "$data" ]; then rm -rf -- "$data"; fi
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

status() {
  local pid
  if pid=$(our_pid); then
    if healthy; then
      say "running (pid $pid) on $URL: $(curl -fsS --max-time 3 "$URL/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')"
    else
      say "pid $pid is running but $URL does not answer (starting, or stuck: see $LOG)"
    fi
    return 0
  fi
  if port_taken; then
    if serves_our_cluster; then
      say "not running from here; 127.0.0.1:$PORT is served by an OGP Toolbox search engine started from another checkout"
    else
      say "not running; 127.0.0.1:$PORT is taken by something else"
    fi
  else
    say "not running"
  fi
  return 3
}

url() {
  print_url
  healthy || { say "nothing healthy answers on $URL (site/search-engine.sh start)" >&2; return 1; }
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  *) fail "usage: $0 [start|stop|status|url]" ;;
esac
