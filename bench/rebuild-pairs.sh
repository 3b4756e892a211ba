#!/usr/bin/env bash
# The rebuild alone, two query-service jars compared in alternating pairs on one generated store:
#
#   bench/rebuild-pairs.sh A.jar B.jar [rounds, default 2] [rebuilds per start, default 3]
#
# Generates the store once (10,000 projects x 20 events, as bench/run.sh --quick part 3 does: BENCH_PROJECTS,
# BENCH_EVENTS_PER_PROJECT) into a template database, kept as long as BENCH_STORE names it (then it is not dropped).
# Then, for each round, A then B: a copy of the template, a query-service on it (-Xmx512m), its first build, and
# `POST /api/admin/replay` timed until IDLE (asked once the log shows the build's end: bench/lib.sh), several
# times. Each rebuild's line gives the wall time, the CPU of the query-service process and of the copy's
# PostgreSQL backends during it (from /proc), the load average, and the service's "Read model rebuilt" line.
# Needs the command-service jar (for the generator's classes).
# The whole script is one block, read in full before it runs: bash reads a script as it goes, so an edit made
# while a run lasts would otherwise change what the rest of that run does.
{
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$(pwd)
OUT=$ROOT/target/bench
mkdir -p "$OUT"
source "$ROOT/bench/lib.sh"
A=$(readlink -f "$1"); B=$(readlink -f "$2")
ROUNDS=${3:-2}
REBUILDS=${4:-3}
PROJECTS=${BENCH_PROJECTS:-10000}
EVENTS_PER_PROJECT=${BENCH_EVENTS_PER_PROJECT:-20}
TOTAL=$(( PROJECTS * EVENTS_PER_PROJECT ))
PG=(-h 127.0.0.1 -p 5432 -U postgres)
PG_URL=jdbc:postgresql://127.0.0.1:5432
PORT=18184
export TIEKARTTA_JWT_SECRET=bench-secret-for-tiekartta-benchmarks-only-0123456789
export AXONIQ_UPDATE_CHECKER_DISABLED=true
RUN_ID=$(date +%s)
STORE=${BENCH_STORE:-tiekartta_rebuild_store_$RUN_ID}
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")
ADMIN=$(bin/token yllapito ADMIN 600)
CLK_TCK=$(getconf CLK_TCK)
DBS=()
[ -n "${BENCH_STORE:-}" ] || DBS+=("$STORE")
PID=
psql_q() { psql "${PG[@]}" -qAt -c "$2" "$1"; }
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  for db in "${DBS[@]}"; do psql_q postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
await() { # what check seconds
  for _ in $(seq $(( $3 * 4 ))); do
    eval "$2" && return 0
    sleep 0.25
  done
  echo "$1 did not happen within $3 s" >&2; return 1
}
healthy() { curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
idle() {
  curl -fs "http://127.0.0.1:$PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN" 2>/dev/null \
    | grep -q "\"state\":\"IDLE\".*\"eventsDone\":$TOTAL,"
}
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
backend_ticks() { # database -> CPU ticks of its backends now
  local sum=0 p
  for p in $(psql_q postgres "SELECT pid FROM pg_stat_activity WHERE datname = '$1'"); do
    sum=$(( sum + $(ticks "$p") ))
  done
  echo "$sum"
}

if [ -z "$(psql_q postgres "SELECT 1 FROM pg_database WHERE datname = '$STORE'")" ]; then
  CLASSES=$OUT/command-service-classes
  rm -rf "$CLASSES" && mkdir -p "$CLASSES" && (cd "$CLASSES" && "$JAVA_BIN/jar" xf "$ROOT/command-service/target/command-service.jar")
  psql_q postgres "CREATE DATABASE $STORE"
  SPRING_DATASOURCE_URL=$PG_URL/$STORE SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$PORT \
    java -jar command-service/target/command-service.jar > "$OUT/rebuild-pairs-command.log" 2>&1 &
  PID=$!
  await "command-service start" healthy 120
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  java -cp "$CLASSES/BOOT-INF/classes:$CLASSES/BOOT-INF/lib/*" bench/tools/GenerateEvents.java "$PG_URL/$STORE" postgres \
    "$PROJECTS" "$EVENTS_PER_PROJECT" 4 2>/dev/null | grep '^generated'
  psql_q "$STORE" "VACUUM ANALYZE event_store.domain_event_entry"
fi

echo "Rebuild of $TOTAL events ($PROJECTS projects), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ); A=$A B=$B"
measure() { # label jar
  local label=$1 jar=$2 db=tiekartta_rebuild_copy_${RUN_ID}_${#DBS[@]}
  local log=$OUT/rebuild-pairs-$label-${#DBS[@]}.log
  DBS+=("$db")
  psql_q postgres "CREATE DATABASE $db TEMPLATE $STORE"
  SPRING_DATASOURCE_URL=$PG_URL/$db SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$PORT \
    java -Xms256m -Xmx512m -jar "$jar" > "$log" 2>&1 &
  PID=$!
  await "query-service start ($label)" healthy 180
  await_build_logged "$log" 1 600 || { echo "first build ($label) did not end (see $log)" >&2; return 1; }
  await "first build ($label)" idle 60
  for i in $(seq "$REBUILDS"); do
    local load q0 p0 t0 t1
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    q0=$(ticks "$PID"); p0=$(backend_ticks "$db"); t0=$(date +%s%N)
    curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN"
    await_build_logged "$log" $(( i + 1 )) 600 || { echo "rebuild ($label) did not end (see $log)" >&2; return 1; }
    await "rebuild ($label)" idle 60
    t1=$(date +%s%N)
    local q1 p1
    q1=$(ticks "$PID"); p1=$(backend_ticks "$db")
    awk -v l="$label" -v i="$i" -v t=$(( (t1 - t0) / 1000000 )) -v q=$(( q1 - q0 )) -v p=$(( p1 - p0 )) -v hz="$CLK_TCK" \
        -v n="$TOTAL" -v la="$load" 'BEGIN { printf "%s #%d: %.2f s = %.0f events/s; CPU query-service %.2f s, PostgreSQL backends %.2f s; load %s\n", l, i, t / 1000, n / (t / 1000), q / hz, p / hz, la }'
    grep 'Read model rebuilt' "$log" | tail -1 | sed 's/.*: Read model rebuilt/   rebuilt/'
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  psql_q postgres "DROP DATABASE $db WITH (FORCE)"
}
for r in $(seq "$ROUNDS"); do
  measure A "$A"
  measure B "$B"
done
exit
}
