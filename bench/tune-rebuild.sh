#!/usr/bin/env bash
# The projection settings of docs/PERFORMANCE.md, compared by rebuild rate on one generated store:
#
#   bench/tune-rebuild.sh            # BENCH_PROJECTS (1000) x BENCH_EVENTS_PER_PROJECT (100) events
#
# Generates the store once (into a template database), then for each setting copies it, starts a query-service
# with that setting on the copy and times the replay of the whole store into its empty read models. Uses the jars
# bench/run.sh built (run that first, or `mvn -B -q package -DskipTests`). About a minute per setting.
# The whole script is one block, read in full before it runs: bash reads a script as it goes, so an edit made
# while a run lasts would otherwise change what the rest of that run does.
{
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$(pwd)
OUT=$ROOT/target/bench
mkdir -p "$OUT"
PROJECTS=${BENCH_PROJECTS:-1000}
EVENTS_PER_PROJECT=${BENCH_EVENTS_PER_PROJECT:-100}
TOTAL=$(( PROJECTS * EVENTS_PER_PROJECT ))
PG=(-h 127.0.0.1 -p 5432 -U postgres)
PG_URL=jdbc:postgresql://127.0.0.1:5432
PORT=18183
export TIEKARTTA_JWT_SECRET=bench-secret-for-tiekartta-benchmarks-only-0123456789
export AXONIQ_UPDATE_CHECKER_DISABLED=true
RUN_ID=$(date +%s)
TEMPLATE=tiekartta_tune_store_$RUN_ID
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")
ADMIN=$(bin/token yllapito ADMIN 3600)
DBS=("$TEMPLATE")
PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  for db in "${DBS[@]}"; do psql "${PG[@]}" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

[ -f command-service/target/command-service.jar ] && [ -f query-service/target/query-service.jar ] \
  || { echo "build the jars first: mvn -B -q package -DskipTests" >&2; exit 1; }
CLASSES=$OUT/command-service-classes
rm -rf "$CLASSES" && mkdir -p "$CLASSES" && (cd "$CLASSES" && "$JAVA_BIN/jar" xf "$ROOT/command-service/target/command-service.jar")

await() { # what url-check seconds
  for _ in $(seq $(( $3 * 2 ))); do
    eval "$2" && return 0
    sleep 0.5
  done
  echo "$1 did not happen within $3 s" >&2; return 1
}

# The store: migrated by a command-service, filled by the generator through the real append path.
psql "${PG[@]}" -qAt -c "CREATE DATABASE $TEMPLATE" postgres
SPRING_DATASOURCE_URL=$PG_URL/$TEMPLATE SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$PORT \
  java -jar command-service/target/command-service.jar > "$OUT/tune-command.log" 2>&1 &
PID=$!
await "command-service start" "curl -fs http://127.0.0.1:$PORT/actuator/health >/dev/null 2>&1" 120 || exit 1
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
java -cp "$CLASSES/BOOT-INF/classes:$CLASSES/BOOT-INF/lib/*" bench/tools/GenerateEvents.java "$PG_URL/$TEMPLATE" postgres \
  "$PROJECTS" "$EVENTS_PER_PROJECT" 4 2>/dev/null | grep '^generated'
psql "${PG[@]}" -qAt -c "VACUUM ANALYZE" "$TEMPLATE"

echo "Rebuild rate by projection setting: $TOTAL events of $PROJECTS projects, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
echo "| setting | seconds | events/s |"
echo "|---|---|---|"
replay_done() {
  curl -fs "http://127.0.0.1:$PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN" 2>/dev/null \
    | grep -q "\"state\":\"IDLE\".*\"eventsDone\":$TOTAL,"
}
measure() { # label, then environment assignments for the query-service
  local label=$1; shift
  local db=tiekartta_tune_copy_${RUN_ID}_${#DBS[@]}
  DBS+=("$db")
  psql "${PG[@]}" -qAt -c "CREATE DATABASE $db TEMPLATE $TEMPLATE" postgres
  env "$@" SPRING_DATASOURCE_URL=$PG_URL/$db SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$PORT \
    java -Xmx1g -jar query-service/target/query-service.jar > "$OUT/tune-query-${#DBS[@]}.log" 2>&1 &
  PID=$!
  local log=$OUT/tune-query-${#DBS[@]}.log started seconds
  if ! await "query-service start ($label)" "curl -fs http://127.0.0.1:$PORT/actuator/health >/dev/null 2>&1" 120 \
     || { started=$(date +%s.%N); ! await "replay ($label)" replay_done 3600; }; then
    echo "| $label | did not finish: $log | |"
    kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=
    return 0
  fi
  seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  echo "| $label | $seconds | $(awk -v n="$TOTAL" -v t="$seconds" 'BEGIN { printf "%.0f", n / t }') |"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  psql "${PG[@]}" -qAt -c "DROP DATABASE $db WITH (FORCE)" postgres
}
segments() { # count threads
  echo "SPRING_APPLICATION_JSON={\"axon\":{\"eventhandling\":{\"processors\":{\"project-views\":{\"initial-segment-count\":$1,\"thread-count\":$2}}}}}"
}
measure "as configured: tracking, 2 segments / 2 threads, batch 1000, batched inserts rewritten"
measure "batch size 100 (Axon's default is 1)" TIEKARTTA_PROJECTION_BATCH_SIZE=100
measure "batch size 5000" TIEKARTTA_PROJECTION_BATCH_SIZE=5000
measure "JDBC batches sent as single-row INSERTs (reWriteBatchedInserts off)" \
  'SPRING_APPLICATION_JSON={"spring":{"datasource":{"hikari":{"data-source-properties":{"reWriteBatchedInserts":"false"}}}}}'
measure "1 segment / 1 thread" "$(segments 1 1)"
# A tracking processor works only the segments its threads claim: more segments need as many threads.
measure "4 segments / 4 threads" "$(segments 4 4)"
measure "pooled streaming processor instead of tracking" \
  'SPRING_APPLICATION_JSON={"axon":{"eventhandling":{"processors":{"project-views":{"mode":"pooled"}}}}}'
exit
}
