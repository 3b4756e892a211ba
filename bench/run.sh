#!/usr/bin/env bash
# The performance figures of docs/PERFORMANCE.md, in one run, against the local PostgreSQL (127.0.0.1:5432,
# user postgres, trust auth, as on the development machine). From a clean checkout:
#
#   bench/run.sh
#
# 1. status changes per second over HTTP at 1, 8 and 32 connections (wrk), p50/p99, beside pgbench's single-row
#    commit rate at the same concurrency, and the ratio;
# 2. projection lag p50/p99 under a steady 200 status changes/s, from the query-service's lag histogram;
# 3. rebuild rate replaying 1,000,000 events (10,000 projects) through POST /api/admin/replay, the raw JDBC read
#    rate of the same rows, and the ratio;
# 4. GET /api/roadmap?asOf= and the year-end report at that size: p50/p95;
# 5. peak heap of each service during 3 and 4.
#
# Builds the jars, installs wrk and pgbench with apt-get where they are missing (says so), creates databases named
# tiekartta_bench_* and drops them at the end (BENCH_KEEP=1 keeps them). Settings, by environment:
#   BENCH_SECONDS (20)        length of each wrk and pgbench run
#   BENCH_HTTP_PROJECTS (2000) projects the HTTP load spreads its status changes over
#   BENCH_PROJECTS (10000), BENCH_EVENTS_PER_PROJECT (100)   the store replayed in 3 and queried in 4
#   BENCH_HEAP (1g)           -Xmx of each service
#   BENCH_SKIP_BUILD=1        use the jars already built
#   BENCH_REPLAY=1            after the first start's replay, time POST /api/admin/replay as well (8 more minutes)
#   BENCH_JFR=1               record the command-service with JFR during the 8-connection run of 1
#                             (target/bench/command-8.jfr) and print its top frames
#
#   bench/run.sh --quick      only 1 (the write path beside pgbench; about 4 minutes with BENCH_SKIP_BUILD=1)
# Takes about 30 minutes on a 2-core machine (the replay of 1,000,000 events is most of it). Everything it prints is also in target/bench/report.txt.
set -euo pipefail
QUICK=0
[ "${1:-}" = --quick ] && QUICK=1
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$(pwd)
OUT=$ROOT/target/bench
mkdir -p "$OUT"
REPORT=$OUT/report.txt
: > "$REPORT"

SECONDS_EACH=${BENCH_SECONDS:-20}
HTTP_PROJECTS=${BENCH_HTTP_PROJECTS:-2000}
PROJECTS=${BENCH_PROJECTS:-10000}
EVENTS_PER_PROJECT=${BENCH_EVENTS_PER_PROJECT:-100}
HEAP=${BENCH_HEAP:-1g}
PG=(-h 127.0.0.1 -p 5432 -U postgres)
PG_URL=jdbc:postgresql://127.0.0.1:5432
CMD_PORT=18181
QRY_PORT=18182
export TIEKARTTA_JWT_SECRET=bench-secret-for-tiekartta-benchmarks-only-0123456789
export AXONIQ_UPDATE_CHECKER_DISABLED=true
RUN_ID=$(date +%s)
HTTP_DB=tiekartta_bench_http_$RUN_ID
STORE_DB=tiekartta_bench_store_$RUN_ID

say() { echo "$*" | tee -a "$REPORT"; }
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< "$2"; }   # field NAME "RESULT a=1 b=2"

# --- tools ---------------------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pgbench >/dev/null || need+=(postgresql-contrib)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} with apt-get (missing on this machine)"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi
pg_isready -q "${PG[@]:0:4}" || { echo "no PostgreSQL at 127.0.0.1:5432" >&2; exit 1; }
JAVA_BIN=$(dirname "$(readlink -f "$(command -v java)")")

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "building the services (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi
CLASSES=$OUT/command-service-classes
rm -rf "$CLASSES" && mkdir -p "$CLASSES" && (cd "$CLASSES" && "$JAVA_BIN/jar" xf "$ROOT/command-service/target/command-service.jar")
TOOLS_CP="$CLASSES/BOOT-INF/classes:$CLASSES/BOOT-INF/lib/*"

# --- services --------------------------------------------------------------------------------------------------
PIDS=()
SAMPLERS=()
cleanup() {
  for pid in "${SAMPLERS[@]}" "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    for db in "$HTTP_DB" "$STORE_DB"; do psql "${PG[@]}" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT

start_service() { # name port database -> sets LAST_PID
  local name=$1 port=$2 db=$3
  SPRING_DATASOURCE_URL=$PG_URL/$db SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$port \
    java -Xms256m -Xmx"$HEAP" -jar "$ROOT/$name/target/$name.jar" > "$OUT/$name-$db.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
await_healthy() { # port
  for _ in $(seq 240); do
    curl -fs "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
    sleep 0.5
  done
  echo "service on port $1 did not become healthy" >&2; exit 1
}
stop_services() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
sample_heap() { # pid file: used heap (S0U+S1U+EU+OU, KB) every 250 ms until stopped
  "$JAVA_BIN/jstat" -gc "$1" 250 > "$2" 2>/dev/null &
  SAMPLERS+=("$!")
}
peak_heap_mb() { # file
  awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max / 1024 }' "$1"
}

COORDINATOR=$(bin/token koordinaattori COORDINATOR 600)
READER=$(bin/token johtaja MANAGEMENT 600)
ADMIN=$(bin/token yllapito ADMIN 600)

# --- the machine -----------------------------------------------------------------------------------------------
say "Tiekartta benchmark, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
say "PostgreSQL: $(psql "${PG[@]}" -qAt -c 'SHOW server_version' postgres), fsync $(psql "${PG[@]}" -qAt -c 'SHOW fsync' postgres), synchronous_commit $(psql "${PG[@]}" -qAt -c 'SHOW synchronous_commit' postgres), shared_buffers $(psql "${PG[@]}" -qAt -c 'SHOW shared_buffers' postgres)"
say "Java: $(java -version 2>&1 | head -1), each service -Xmx$HEAP; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), pgbench $(pgbench --version | awk '{print $3}')"
say ""

# --- 1. status changes over HTTP, beside pgbench -----------------------------------------------------------------
psql "${PG[@]}" -qAt -c "CREATE DATABASE $HTTP_DB" postgres
start_service command-service $CMD_PORT "$HTTP_DB"
await_healthy $CMD_PORT
start_service query-service $QRY_PORT "$HTTP_DB"
await_healthy $QRY_PORT
java "$ROOT/bench/tools/Load.java" register "http://127.0.0.1:$CMD_PORT" "$COORDINATOR" "$HTTP_PROJECTS" 8 | tee -a "$REPORT"
psql "${PG[@]}" -qAt -c "CREATE TABLE pgbench_row (id bigserial PRIMARY KEY, payload text NOT NULL)" "$HTTP_DB"

wrk_status_changes() { # connections seconds
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"$2"s --timeout 10s -s "$ROOT/bench/lua/status-changes.lua" \
      "http://127.0.0.1:$CMD_PORT" -- "$COORDINATOR" "$HTTP_PROJECTS" | grep '^RESULT'
}
echo "warming up (10 s at 8 connections)"
wrk_status_changes 8 10 > /dev/null

say "1. Status changes over HTTP (POST /api/projects/{id}/status-changes, random project of $HTTP_PROJECTS, ${SECONDS_EACH} s each)"
say "   beside pgbench: one INSERT of a 516-byte row (bigserial key + 508 bytes of text) per transaction, same connections"
say "   | connections | changes/s | p50 | p99 | not 201 | pgbench tps | ratio | command-service CPU per change | commands per group commit |"
say "   |---|---|---|---|---|---|---|---|---|"
CMD_HTTP_PID=${PIDS[0]}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # user + system CPU of a process, in clock ticks
group_commits() { # "count sum" of the command-service's group sizes so far (0 0 where it has no group commit)
  curl -fs "http://127.0.0.1:$CMD_PORT/actuator/prometheus" 2>/dev/null | awk '
    /^tiekartta_group_commit_commands_count/ { c = $2 } /^tiekartta_group_commit_commands_sum/ { s = $2 }
    END { printf "%d %d", c, s }'
}
for c in 1 8 32; do
  if [ "${BENCH_JFR:-0}" = 1 ] && [ "$c" = 8 ]; then
    "$JAVA_BIN/jcmd" "$CMD_HTTP_PID" JFR.start name=bench duration="${SECONDS_EACH}s" settings=profile \
        filename="$OUT/command-8.jfr" > /dev/null || echo "JFR could not be started (jcmd failed); no profile this run"
  fi
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  cpu_before=$(cpu_ticks "$CMD_HTTP_PID")
  read -r groups_before grouped_before <<< "$(group_commits)"
  result=$(wrk_status_changes "$c" "$SECONDS_EACH")
  cpu_after=$(cpu_ticks "$CMD_HTTP_PID")
  read -r groups_after grouped_after <<< "$(group_commits)"
  tps=$(pgbench "${PG[@]}" -n -c "$c" -j $(( c < 2 ? 1 : 2 )) -T "$SECONDS_EACH" -f "$ROOT/bench/pgbench/insert-row.sql" "$HTTP_DB" 2>/dev/null \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -1)
  rate=$(field rate "$result")
  LOADS="${LOADS:-}${LOADS:+; }$c: $load"
  say "   | $c | $(printf '%.0f' "$rate") | $(field p50_ms "$result") ms | $(field p99_ms "$result") ms | $(field non201 "$result") | $(printf '%.0f' "$tps") | $(awk -v a="$rate" -v b="$tps" 'BEGIN { printf "%.1f %%", 100 * a / b }') | $(awk -v t=$(( cpu_after - cpu_before )) -v hz="$(getconf CLK_TCK)" -v a="$rate" -v s="$SECONDS_EACH" 'BEGIN { printf "%.2f ms", 1000 * t / hz / (a * s) }') | $(awk -v g=$(( groups_after - groups_before )) -v n=$(( grouped_after - grouped_before )) 'BEGIN { if (g > 0) printf "%.1f", n / g; else printf "-" }') |"
done
events=$(psql "${PG[@]}" -qAt -c "SELECT count(*) FROM event_store.domain_event_entry" "$HTTP_DB")
say "   ($events events in the store afterwards; load average before each wrk run: $LOADS)"
say ""
if [ "${BENCH_JFR:-0}" = 1 ] && [ -f "$OUT/command-8.jfr" ]; then
  # Top frames of the command-service's execution samples at 8 connections: the innermost frame of each sample.
  samples=$("$JAVA_BIN/jfr" print --events jdk.ExecutionSample "$OUT/command-8.jfr")
  total=$(grep -c 'jdk.ExecutionSample' <<< "$samples" || true)
  say "   JFR, command-service at 8 connections: $total execution samples over ${SECONDS_EACH} s; top frames (innermost):"
  awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/\(.*/, ""); print }' <<< "$samples" \
    | sort | uniq -c | sort -rn | awk 'NR <= 15' | sed 's/^/     /' | tee -a "$REPORT"
  say "   top frames of ours or of Axon, Spring, Jackson, JDBC anywhere in the stack (samples holding the frame):"
  awk '/stackTrace = \[/ { delete seen; next } /line:/ { f = $1; sub(/\(.*/, "", f); if (f ~ /^(fi\.tiekartta|org\.axonframework|org\.postgresql|com\.zaxxer|com\.fasterxml|org\.springframework\.security|org\.apache\.catalina)/ && !(f in seen)) { seen[f] = 1; print f } }' <<< "$samples" \
    | sort | uniq -c | sort -rn | awk 'NR <= 20' | sed 's/^/     /' | tee -a "$REPORT"
  say ""
fi
if [ "$QUICK" = 1 ]; then
  say "(--quick: the write path only)"
  exit 0
fi

# --- 2. projection lag under a steady 200 changes/s --------------------------------------------------------------
say "2. Projection lag at a steady 200 status changes/s for 60 s (open loop), from tiekartta_projection_event_lag_seconds"
result=$(java "$ROOT/bench/tools/Load.java" steady "http://127.0.0.1:$CMD_PORT" "http://127.0.0.1:$QRY_PORT" "$COORDINATOR" "$HTTP_PROJECTS" 200 60 | grep '^RESULT')
say "   sent $(field sent "$result") at $(field rate "$result")/s, answers $(field answers "$result"), POST p50 $(field post_p50_ms "$result") ms p99 $(field post_p99_ms "$result") ms"
say "   projected $(field projected "$result") events: lag p50 $(field lag_p50_ms "$result") ms, p99 $(field lag_p99_ms "$result") ms (commit of the projection's batch minus the event's recorded time)"
say ""
stop_services

# --- 3. rebuild of 1,000,000 events --------------------------------------------------------------------------------
TOTAL=$(( PROJECTS * EVENTS_PER_PROJECT ))
psql "${PG[@]}" -qAt -c "CREATE DATABASE $STORE_DB" postgres
start_service command-service $CMD_PORT "$STORE_DB"
CMD_PID=$LAST_PID
sample_heap "$CMD_PID" "$OUT/heap-command.txt"
await_healthy $CMD_PORT
say "3. Rebuild: $TOTAL events of $PROJECTS projects, generated through the append path (JdbcEventStorageEngine + HashChainingAppendEvents)"
java -cp "$TOOLS_CP" "$ROOT/bench/tools/GenerateEvents.java" "$PG_URL/$STORE_DB" postgres "$PROJECTS" "$EVENTS_PER_PROJECT" 4 2>/dev/null \
  | grep '^generated' | sed 's/^/   /' | tee -a "$REPORT"
psql "${PG[@]}" -qAt -c "VACUUM ANALYZE event_store.domain_event_entry" "$STORE_DB"
say "   store: $(psql "${PG[@]}" -qAt -c "SELECT pg_size_pretty(pg_total_relation_size('event_store.domain_event_entry'))" "$STORE_DB") with indexes"

replay_state() { curl -fs "http://127.0.0.1:$QRY_PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN" 2>/dev/null || echo '{}'; }
await_idle() { # seconds-limit: until no rebuild runs and every event of the store is applied
  for _ in $(seq $(( $1 * 2 ))); do
    state=$(replay_state)
    grep -q '"state":"IDLE"' <<< "$state" && grep -q "\"eventsDone\":$TOTAL," <<< "$state" && return 0
    sleep 0.5
  done
  echo "the query-service did not finish replaying within $1 s" >&2; exit 1
}
start_service query-service $QRY_PORT "$STORE_DB"
QRY_PID=$LAST_PID
sample_heap "$QRY_PID" "$OUT/heap-query-rebuild.txt"
QRY_SAMPLER=${SAMPLERS[-1]}
await_healthy $QRY_PORT
# A query-service meeting a store for the first time replays all of it into empty read models: the same work as
# POST /api/admin/replay (which clears them and resets the tokens first), timed from the moment it answers.
started=$(date +%s.%N)
await_idle 7200
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
how="first start on the store, from healthy until GET /api/admin/replay says IDLE"
if [ "${BENCH_REPLAY:-0}" = 1 ]; then
  say "   first start on the store, healthy until IDLE: ${elapsed} s = $(awk -v n="$TOTAL" -v t="$elapsed" 'BEGIN { printf "%.0f", n / t }') events/s"
  started=$(date +%s.%N)
  curl -fs -X POST "http://127.0.0.1:$QRY_PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN" > /dev/null
  sleep 0.5
  await_idle 7200
  elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  how="POST /api/admin/replay until GET says IDLE"
fi
rebuild_rate=$(awk -v n="$TOTAL" -v t="$elapsed" 'BEGIN { printf "%.0f", n / t }')
rows=$(psql "${PG[@]}" -qAt -c "SELECT (SELECT count(*) FROM read_model.project_change) || ' changes, ' || (SELECT count(*) FROM read_model.project_view) || ' view rows (' || (SELECT count(*) FROM read_model.project_view WHERE recorded_to IS NULL) || ' believed now)'" "$STORE_DB")
jdbc=$(java -cp "$CLASSES/BOOT-INF/lib/*" "$ROOT/bench/tools/ReadEvents.java" "$PG_URL/$STORE_DB" postgres | grep '^RESULT')
jdbc_rate=$(field rate "$jdbc")
say "   rebuild ($how): ${elapsed} s = $rebuild_rate events/s; read models: $rows"
say "   plain JDBC read of the same rows (ORDER BY global_index, fetch size 1000): $(field seconds "$jdbc") s = $jdbc_rate rows/s"
say "   ratio: $(awk -v a="$rebuild_rate" -v b="$jdbc_rate" 'BEGIN { printf "%.1f %%", 100 * a / b }')"
say ""

# --- 4. roadmap and year-end report at that size ----------------------------------------------------------------------
kill "$QRY_SAMPLER" 2>/dev/null || true
sample_heap "$QRY_PID" "$OUT/heap-query-queries.txt"
wrk_get() { # connections seconds url
  wrk -t1 -c"$1" -d"$2"s --timeout 30s -s "$ROOT/bench/lua/get.lua" "$3" -- "$READER" | grep '^RESULT'
}
ROADMAP="http://127.0.0.1:$QRY_PORT/api/roadmap?asOf=2024-06-30"
REPORT_URL="http://127.0.0.1:$QRY_PORT/api/reports/year-end/2024"
for url in "$ROADMAP" "$REPORT_URL"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 "$url" -H "Authorization: Bearer $READER" || true)
  [ "$code" = 200 ] || say "   warm-up call of $url answered $code (see $OUT/query-service-$STORE_DB.log)"
done
say "4. Queries at $PROJECTS projects / $TOTAL events (${SECONDS_EACH} s each after one warm-up call)"
say "   | request | connections | answers/s | p50 | p95 | p99 | bytes | not 200 |"
say "   |---|---|---|---|---|---|---|---|"
for c in 1 4; do
  r=$(wrk_get "$c" "$SECONDS_EACH" "$ROADMAP")
  say "   | GET /api/roadmap?asOf=2024-06-30 | $c | $(field rate "$r") | $(field p50_ms "$r") ms | $(field p95_ms "$r") ms | $(field p99_ms "$r") ms | $(field bytes_per_answer "$r") | $(field non200 "$r") |"
done
r=$(wrk_get 1 $(( SECONDS_EACH * 2 )) "$REPORT_URL")
say "   | GET /api/reports/year-end/2024 | 1 | $(field rate "$r") | $(field p50_ms "$r") ms | $(field p95_ms "$r") ms | $(field p99_ms "$r") ms | $(field bytes_per_answer "$r") | $(field non200 "$r") |"
phases=$(curl -fs "http://127.0.0.1:$QRY_PORT/actuator/prometheus" | awk -F'[{}" ]' '
  /^tiekartta_report_year_end_phase_seconds_count/ { for (i = 1; i < NF; i++) if ($i ~ /phase=$/) p = $(i + 1); count[p] = $NF }
  /^tiekartta_report_year_end_phase_seconds_sum/ { for (i = 1; i < NF; i++) if ($i ~ /phase=$/) p = $(i + 1); sum[p] = $NF }
  END { for (p in sum) if (count[p] > 0) printf "%s %.0f ms, ", p, 1000 * sum[p] / count[p] }')
say "   year-end report, mean time per phase: ${phases%, }"
say ""

# --- 5. memory ---------------------------------------------------------------------------------------------------------
kill "${SAMPLERS[@]}" 2>/dev/null || true; SAMPLERS=()
say "5. Peak heap used (jstat every 250 ms; -Xmx$HEAP)"
say "   query-service: $(peak_heap_mb "$OUT/heap-query-rebuild.txt") MB during 3 (first projection and rebuild), $(peak_heap_mb "$OUT/heap-query-queries.txt") MB during 4"
say "   command-service: $(peak_heap_mb "$OUT/heap-command.txt") MB during 3 and 4 (running, but idle: the generator filled the store through the same append code, in its own JVM)"
say ""
say "report written to $REPORT"
