#!/usr/bin/env bash
# The performance figures of docs/PERFORMANCE.md, in one run, each beside the machine's own limit measured in the
# same run, against the local PostgreSQL (127.0.0.1:5432, user postgres, trust auth, as on the development machine):
#
#   bench/run.sh              the full run: a store of 1,000,000 events for 3 and 4 (about 30 minutes on 2 cores)
#   bench/run.sh --quick      the same with a store of 200,000 events and shorter runs (within 10 minutes on 2 cores)
#
# 1. Write path: status changes/s over HTTP at 1, 8 and 32 connections (wrk), p50/p99, not-201 count, beside
#    pgbench's single-row commit rate at the same concurrency; the CPU per change of every party (command-service,
#    query-service, PostgreSQL, wrk) and the machine's idle share. With BENCH_JFR=1 a JFR profile of the
#    command-service in an extra 8-connection run after part 2 (so that no figure is distorted by it).
# 2. Steady load: 200 status changes/s for 60 s (open loop, after 60 s of the same, unmeasured; 30 s with --quick):
#    POST p50/p99, projection lag p50/p99, and for that window only what may stall the slow POSTs: each service's
#    GC pauses, the group commit's write time (mean, max), PostgreSQL's checkpoints and WAL (its volume, full-page
#    images, the time the services' backends spent writing and syncing it), the CPU per change of every party, the
#    idle share and the load average.
# 3. Rebuild: a store generated through the append path; POST /api/admin/replay timed until GET says IDLE with
#    every event done (asked once the service has logged the build's end: bench/lib.sh), the CPU it took (the
#    machine's busy core-seconds, the query-service's, PostgreSQL's) against what 50,000 events/s allows, PostgreSQL's
#    checkpoints and WAL during it, the query-service's own "Read model rebuilt" line (its phase times), beside the
#    plain JDBC read rate of the same rows.
# 4. Queries on that store: the roadmap (kept answers, and "not kept": a random day each request) at 1 and 4
#    connections, a filtered roadmap, a page of the project list and the year-end report (first and repeated
#    calls, phase means, and as known at an instant since past), beside the roadmap's own SQL through plain JDBC.
# 5. Peak heap of the query-service during 3 and during 4, against its -Xmx.
#
# Builds the jars, installs wrk and pgbench with apt-get where they are missing (says so), creates databases named
# tiekartta_bench_* and drops them at the end (BENCH_KEEP=1 keeps them). Settings, by environment:
#   BENCH_SECONDS (20; --quick: 15)   length of each wrk and pgbench run
#   BENCH_WARMUP_SECONDS (30)    warm-up at 32 connections before the write path's table (the JIT's compilation),
#   BENCH_WARMUP_MAX_SECONDS (180; --quick: 90)   then 10 s at 1 and 8 connections in turn until the JIT is done,
#                                up to this in all
#   BENCH_HTTP_PROJECTS (2000)   projects the HTTP load spreads its status changes over
#   BENCH_STEADY_RATE (200), BENCH_STEADY_SECONDS (60), BENCH_STEADY_WARMUP_SECONDS (60; --quick: 30)   the steady load of 2 and its unmeasured lead-in
#   BENCH_PROJECTS (10000), BENCH_EVENTS_PER_PROJECT (100; --quick: 20)   the store rebuilt in 3 and queried in 4
#   BENCH_HEAP (1g)              -Xmx of the command-service
#   BENCH_QUERY_HEAP (512m)      -Xmx of the query-service (the read side's target is to fit in 512 MB)
#   BENCH_SKIP_BUILD=1           use the jars already built
#   BENCH_JFR=1                  the JFR profile of 1 (target/bench/command-8.jfr) and its top frames
# It first states the machine: its cores, memory and CPU, and what a system call, an 8 kB page read from the operating
# system's cache and the first touch of a page of memory cost on it (bench/tools/host-costs.c, compiled with gcc),
# so that hosts with the same CPU name can be told apart.
# Everything it prints is also in target/bench/report.txt; the services' logs and GC logs are beside it.
# The whole script is one block, read in full before it runs: bash reads a script as it goes, so an edit made
# while a run lasts would otherwise change what the rest of that run does.
{
set -euo pipefail
QUICK=0
[ "${1:-}" = --quick ] && QUICK=1
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ROOT=$(pwd)
OUT=$ROOT/target/bench
mkdir -p "$OUT"
REPORT=$OUT/report.txt
source "$ROOT/bench/lib.sh"
: > "$REPORT"

# --quick shortens the runs a little, so that it ends within 10 minutes on a slower host too (the full run keeps them).
quick_or() { [ "$QUICK" = 1 ] && echo "$1" || echo "$2"; }
SECONDS_EACH=${BENCH_SECONDS:-$(quick_or 15 20)}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-30}
WARMUP_MAX_SECONDS=${BENCH_WARMUP_MAX_SECONDS:-$(quick_or 90 180)}
HTTP_PROJECTS=${BENCH_HTTP_PROJECTS:-2000}
STEADY_RATE=${BENCH_STEADY_RATE:-200}
STEADY_SECONDS=${BENCH_STEADY_SECONDS:-60}
STEADY_WARMUP_SECONDS=${BENCH_STEADY_WARMUP_SECONDS:-$(quick_or 30 60)}
PROJECTS=${BENCH_PROJECTS:-10000}
EVENTS_PER_PROJECT=${BENCH_EVENTS_PER_PROJECT:-$(quick_or 20 100)}
HEAP=${BENCH_HEAP:-1g}
QUERY_HEAP=${BENCH_QUERY_HEAP:-512m}
PG=(-h 127.0.0.1 -p 5432 -U postgres)
PG_URL=jdbc:postgresql://127.0.0.1:5432
CMD_PORT=18181
QRY_PORT=18182
export TIEKARTTA_JWT_SECRET=bench-secret-for-tiekartta-benchmarks-only-0123456789
export AXONIQ_UPDATE_CHECKER_DISABLED=true
RUN_ID=$(date +%s)
HTTP_DB=tiekartta_bench_http_$RUN_ID
STORE_DB=tiekartta_bench_store_$RUN_ID
CLK_TCK=$(getconf CLK_TCK)

say() { echo "$*" | tee -a "$REPORT"; }
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< "$2"; }   # field NAME "RESULT a=1 b=2"
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
now_ms() { date +%s%3N; }
psql_value() { # database sql; tried again for up to a minute while the server has no connection to spare (other
  # clients share it)
  for _ in $(seq 30); do
    psql "${PG[@]}" -qAt -c "$2" "$1" 2> "$OUT/psql.err" && return 0
    grep -q 'too many clients' "$OUT/psql.err" || break
    sleep 2
  done
  cat "$OUT/psql.err" >&2
  return 1
}

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
# The tools run on the services' own classes and libraries: the generator on the command-service's append path,
# the roadmap's SQL read from the query-service's class.
unpack() { # service -> its classes and libraries as a class path
  local dir=$OUT/$1-classes
  rm -rf "$dir" && mkdir -p "$dir" && (cd "$dir" && "$JAVA_BIN/jar" xf "$ROOT/$1/target/$1.jar")
  echo "$dir/BOOT-INF/classes:$dir/BOOT-INF/lib/*"
}
COMMAND_CP=$(unpack command-service)
QUERY_CP=$(unpack query-service)

# --- services --------------------------------------------------------------------------------------------------
PIDS=()
SAMPLERS=()
cleanup() {
  for pid in "${SAMPLERS[@]}" "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    for db in "$HTTP_DB" "$STORE_DB"; do psql_value postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT

start_service() { # name port database heap -> sets LAST_PID
  local name=$1 port=$2 db=$3 heap=$4
  # GC log with epoch-millisecond stamps, so that the pauses of one window can be summed (gc_pauses). The group
  # commit's write timer (command-service only) as a histogram: its buckets before and after a window give that
  # window's distribution, where the Prometheus "_max" is a max since long before the window (it does not decay).
  SPRING_DATASOURCE_URL=$PG_URL/$db SPRING_DATASOURCE_USERNAME=postgres SERVER_PORT=$port \
    java -Xms256m -Xmx"$heap" -Xlog:gc:file="$OUT/$name-$db-gc.log":timemillis \
      -Dmanagement.metrics.distribution.percentiles-histogram.tiekartta.group.commit.write=true \
      -jar "$ROOT/$name/target/$name.jar" > "$OUT/$name-$db.log" 2>&1 &
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
stop_samplers() {
  for pid in "${SAMPLERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  SAMPLERS=()
}
sample_heap() { # pid file: used heap (S0U+S1U+EU+OU, KB) every 250 ms until stopped
  "$JAVA_BIN/jstat" -gc "$1" 250 > "$2" 2>/dev/null &
  SAMPLERS+=("$!")
}
peak_heap_mb() { # file
  awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f", max / 1024 }' "$1"
}

# --- where the CPU goes ------------------------------------------------------------------------------------------
# Each party's CPU is read from /proc before and after a run: the two services by pid; PostgreSQL as the backends
# of the benchmark's database plus the server's own processes (WAL writer, checkpointer, ...: no database), so that
# other databases on the same server do not count; the load generator (wrk, pgbench, Load.java) as the CPU
# of this shell's finished children, which is where a command substitution's wrk lands when it ends.
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }   # user + system, clock ticks
machine_ticks() { # the machine's idle (idle + iowait) and total ticks so far, over every core (/proc/stat)
  awk '/^cpu / { print "idle", $5 + $6; print "all", $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
}
cpu_snapshot() { # file database: "party ticks" lines, and the machine's idle and total ticks (/proc/stat)
  {
    echo "command $(proc_ticks "$CMD_PID")"
    echo "query $(proc_ticks "$QRY_PID")"
    for pid in $(psql_value postgres "SELECT pid FROM pg_stat_activity WHERE datname = '$2' OR datname IS NULL"); do
      echo "postgres:$pid $(proc_ticks "$pid")"
    done
    echo "client $(awk '{ print $16 + $17 }' "/proc/$$/stat")"
    machine_ticks
  } > "$1"
}
cpu_per_change() { # before after changes -> "command query postgres client idle%" (ms of CPU per change)
  awk -v n="$3" -v hz="$CLK_TCK" '
    NR == FNR { before[$1] = $2; next }
    { party = $1; sub(/:.*/, "", party); delta[party] += $2 - ($1 in before ? before[$1] : 0) }
    END { for (p in delta) if (p != "idle" && p != "all") ms[p] = (n > 0 ? 1000 * delta[p] / hz / n : 0)
          printf "%.2f %.2f %.2f %.2f %.0f", ms["command"], ms["query"], ms["postgres"], ms["client"],
                 (delta["all"] > 0 ? 100 * delta["idle"] / delta["all"] : 0) }' "$1" "$2"
}
gc_pauses() { # gc-log from-ms to-ms -> "N pauses, X ms in all, longest Y ms" of the pauses that ended in the window
  awk -v from="$2" -v to="$3" '
    / Pause / { t = $1; gsub(/[^0-9]/, "", t); ms = $NF; sub(/ms$/, "", ms)
                if (t + 0 >= from && t + 0 <= to) { n++; sum += ms; if (ms + 0 > max) max = ms } }
    END { printf "%d pauses, %.0f ms in all, longest %.1f ms", n, sum, max }' "$1"
}

checkpoint_activity() { # -> "checkpoints ended, their write ms, their sync ms, buffers, WAL bytes, full-page images,
  # WAL syncs, sync ms, write ms, the last ended checkpoint's start (epoch s)": PostgreSQL's own counters, server-wide,
  # which add a checkpoint's times when it ends; the WAL's times count only where track_wal_io_timing is on (the
  # benchmark's databases' backends), its syncs every process's (the WAL writer's too)
  psql_value postgres "SELECT b.checkpoints_timed + b.checkpoints_req, b.checkpoint_write_time, b.checkpoint_sync_time,
    b.buffers_checkpoint, w.wal_bytes, w.wal_fpi, w.wal_sync, w.wal_sync_time, w.wal_write_time,
    extract(epoch FROM c.checkpoint_time)::bigint
    FROM pg_stat_bgwriter b, pg_stat_wal w, pg_control_checkpoint() c" | tr '|' ' '
}
checkpoints_between() { # before after (two lines of checkpoint_activity) -> what PostgreSQL did between the two
  printf '%s\n%s\n' "$1" "$2" | awk -v last="$(date -u -d "@${2##* }" +%H:%M:%S)" '
    NR == 1 { split($0, a); next }
    { split($0, b); for (i = 1; i <= 9; i++) d[i] = b[i] - a[i]
      printf "%d checkpoint(s) ended (writing %.1f s, syncing %d ms; the last ended began %s UTC), checkpoints wrote %d buffers (one still running counts too); ",
             d[1], d[2] / 1000, d[3], last, d[4]
      printf "WAL %.1f MB with %d full-page images, synced %d times, the services\047 backends syncing it for %d ms and writing it for %d ms in all",
             d[5] / 1048576, d[6], d[7], d[8], d[9] }'
}

COORDINATOR=$(bin/token koordinaattori COORDINATOR 600)
READER=$(bin/token johtaja MANAGEMENT 600)
ADMIN=$(bin/token yllapito ADMIN 600)

# --- the machine -----------------------------------------------------------------------------------------------
say "Tiekartta benchmark$([ "$QUICK" = 1 ] && echo ' (--quick)'), $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
say "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(lscpu | sed -n 's/^Model name: *//p' | head -1); load average at the start $(load_average)"
host_costs() { # bench/tools/host-costs.c: what a system call, a page read from the OS cache and a new page cost here
  command -v gcc >/dev/null || { echo "not measured (no gcc)"; return; }
  # the compiler's own words only when it fails, so that a warning does not end up in the line
  gcc -O2 -o "$OUT/host-costs" bench/tools/host-costs.c 2>"$OUT/host-costs.gcc" \
    || { echo "not measured (bench/tools/host-costs.c did not build: $(tr '\n' ' ' < "$OUT/host-costs.gcc"))"; return; }
  "$OUT/host-costs" "$OUT/host-costs.scratch" 2>"$OUT/host-costs.err" \
    || echo "not measured (bench/tools/host-costs failed: $(tr '\n' ' ' < "$OUT/host-costs.err"))"
}
say "host: $(host_costs)"
say "PostgreSQL: $(psql_value postgres 'SHOW server_version'), fsync $(psql_value postgres 'SHOW fsync'), synchronous_commit $(psql_value postgres 'SHOW synchronous_commit'), shared_buffers $(psql_value postgres 'SHOW shared_buffers'), autovacuum $(psql_value postgres 'SHOW autovacuum')"
say "Java: $(java -version 2>&1 | head -1), command-service -Xmx$HEAP, query-service -Xmx$QUERY_HEAP; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), pgbench $(pgbench --version | awk '{print $3}')"
say ""

# --- 1. status changes over HTTP, beside pgbench -----------------------------------------------------------------
psql_value postgres "CREATE DATABASE $HTTP_DB"
# The WAL's writes and syncs by the services' backends timed (pg_stat_wal), for what stalls the steady load's POSTs
# (2); set on the benchmark's own database only, which goes with it, so the server's settings stay as they were.
psql_value postgres "ALTER DATABASE $HTTP_DB SET track_wal_io_timing = on" > /dev/null
start_service command-service $CMD_PORT "$HTTP_DB" "$HEAP"
CMD_PID=$LAST_PID
await_healthy $CMD_PORT
start_service query-service $QRY_PORT "$HTTP_DB" "$QUERY_HEAP"
QRY_PID=$LAST_PID
await_healthy $QRY_PORT
java "$ROOT/bench/tools/Load.java" register "http://127.0.0.1:$CMD_PORT" "$COORDINATOR" "$HTTP_PROJECTS" 8 | tee -a "$REPORT"
psql_value "$HTTP_DB" "CREATE TABLE pgbench_row (id bigserial PRIMARY KEY, payload text NOT NULL)"

wrk_status_changes() { # connections seconds
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"$2"s --timeout 10s -s "$ROOT/bench/lua/status-changes.lua" \
      "http://127.0.0.1:$CMD_PORT" -- "$COORDINATOR" "$HTTP_PROJECTS" | grep '^RESULT'
}
pgbench_rows() { # connections seconds -> transactions per second, or 0 when pgbench failed (its log says why:
  # the server's max_connections is shared with every other client of this PostgreSQL)
  local log=$OUT/pgbench-$1.log tps
  tps=$(pgbench "${PG[@]}" -n -c "$1" -j $(( $1 < 2 ? 1 : 2 )) -T "$2" -f "$ROOT/bench/pgbench/insert-row.sql" "$HTTP_DB" 2> "$log" \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | tail -1) || true
  [ -n "$tps" ] && echo "$tps" || { echo "pgbench at $1 connections failed: $(grep -m1 -i 'error\|fatal' "$log")" >&2; echo 0; }
}
settle_database() { # after pgbench: its rows gone, their pages written out, before the next figure is measured
  # pgbench inserts 100,000-500,000 rows per run (50-270 MB of WAL). Left alone they set off a checkpoint and an
  # autovacuum of pgbench_row during the next run, which then measured their aftermath (a later 8-connection run
  # at a quarter of its rate, the steady load's POST p99 tripled), not the service.
  psql_value "$HTTP_DB" "TRUNCATE pgbench_row" > /dev/null
  psql_value "$HTTP_DB" "CHECKPOINT" > /dev/null
}
group_commits() { # "count sum" of the command-service's group sizes so far
  curl -fs "http://127.0.0.1:$CMD_PORT/actuator/prometheus" 2>/dev/null | awk '
    /^tiekartta_group_commit_commands_count/ { c = $2 } /^tiekartta_group_commit_commands_sum/ { s = $2 }
    END { printf "%d %d", c, s }'
}
per_group() { # groups-before grouped-before groups-after grouped-after -> commands per group commit
  awk -v g=$(( $3 - $1 )) -v n=$(( $4 - $2 )) 'BEGIN { if (g > 0) printf "%.1f", n / g; else printf "-" }'
}

jit_ticks() { # pid -> CPU ticks of its JIT compiler threads (C1, C2) so far
  local ticks=0 task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ CompilerThre*|C2\ CompilerThre*) ticks=$(( ticks + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0) )) ;;
    esac
  done
  echo "$ticks"
}
# The 1-connection row came right after a warm-up that kept both cores busy, so the JIT compiled its backlog in
# that row's idle CPU: 2.8 ms of the command-service's CPU per change there were its compiler threads, and the
# JIT stayed busy for about 100 s after 30 s at 32 connections. So after the 32-connection warm-up, 10 s rounds at
# 1 and 8 connections in turn go on until the command-service's compiler threads use less than 1 % of a core in a
# round (at most BENCH_WARMUP_MAX_SECONDS), and each row below shows what its compiler threads still took.
say "warming up (${WARMUP_SECONDS} s at 32 connections, then until the JIT is done)"
wrk_status_changes 32 "$WARMUP_SECONDS" > /dev/null
warm_seconds=$WARMUP_SECONDS
jit_ms=0   # stays so when BENCH_WARMUP_MAX_SECONDS leaves no round
while [ "$warm_seconds" -lt "$WARMUP_MAX_SECONDS" ]; do
  jit_ms=0
  for c in 1 8; do
    jit_before=$(jit_ticks "$CMD_PID")
    wrk_status_changes "$c" 10 > /dev/null
    round_ms=$(( ($(jit_ticks "$CMD_PID") - jit_before) * 1000 / CLK_TCK ))
    [ "$round_ms" -gt "$jit_ms" ] && jit_ms=$round_ms
    warm_seconds=$(( warm_seconds + 10 ))
  done
  [ "$jit_ms" -lt 100 ] && break
done
WARMUP_NOTE="${warm_seconds} s of warm-up (${WARMUP_SECONDS} s at 32 connections, then 10 s at 1 and 8 in turn until the command-service's JIT used under 1 % of a core: ${jit_ms} ms of compiler CPU in the busier of the last two rounds)"

say "1. Status changes over HTTP (POST /api/projects/{id}/status-changes, random project of $HTTP_PROJECTS, ${SECONDS_EACH} s each, after $WARMUP_NOTE)"
say "   beside pgbench: one INSERT of a 516-byte row (bigserial key + 508 bytes of text) per transaction, same connections"
say "   CPU per change, ms: each party's CPU during the wrk run over the changes; PostgreSQL = the benchmark database's backends"
say "   and the server's own processes; idle = the machine's idle share during the wrk run (/proc/stat); pgbench: its own CPU"
say "   per transaction (its backends end with it, so PostgreSQL's share of the pgbench run is not told apart); of which JIT:"
say "   the command-service's compiler threads' share of its CPU per change (work left from the warm-up, not the changes')"
say "   | connections | changes/s | p50 | p99 | not 201 | pgbench tps | ratio | commands per group commit | command-service | of which JIT | query-service | PostgreSQL | wrk | idle | pgbench | idle during pgbench | load average |"
say "   |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for c in 1 8 32; do
  load=$(load_average)
  cpu_snapshot "$OUT/cpu-before.txt" "$HTTP_DB"
  read -r groups_before grouped_before <<< "$(group_commits)"
  jit_before=$(jit_ticks "$CMD_PID")
  result=$(wrk_status_changes "$c" "$SECONDS_EACH")
  jit_ms=$(awk -v t=$(( $(jit_ticks "$CMD_PID") - jit_before )) -v hz="$CLK_TCK" -v n="$(field requests "$result")" 'BEGIN { printf "%.2f", (n > 0 ? 1000 * t / hz / n : 0) }')
  cpu_snapshot "$OUT/cpu-after.txt" "$HTTP_DB"
  read -r groups_after grouped_after <<< "$(group_commits)"
  read -r cmd_ms qry_ms pg_ms wrk_ms idle <<< "$(cpu_per_change "$OUT/cpu-before.txt" "$OUT/cpu-after.txt" "$(field requests "$result")")"
  cpu_snapshot "$OUT/cpu-before.txt" "$HTTP_DB"
  tps=$(pgbench_rows "$c" "$SECONDS_EACH")
  cpu_snapshot "$OUT/cpu-after.txt" "$HTTP_DB"
  settle_database
  read -r _ _ _ pgbench_ms pgbench_idle <<< "$(cpu_per_change "$OUT/cpu-before.txt" "$OUT/cpu-after.txt" "$(awk -v t="$tps" -v s="$SECONDS_EACH" 'BEGIN { printf "%.0f", t * s }')")"
  rate=$(field rate "$result")
  say "   | $c | $(printf '%.0f' "$rate") | $(field p50_ms "$result") ms | $(field p99_ms "$result") ms | $(field non201 "$result") | $(printf '%.0f' "$tps") | $(awk -v a="$rate" -v b="$tps" 'BEGIN { if (b > 0) printf "%.1f %%", 100 * a / b; else printf "-" }') | $(per_group "$groups_before" "$grouped_before" "$groups_after" "$grouped_after") | $cmd_ms | $jit_ms | $qry_ms | $pg_ms | $wrk_ms | $idle % | $pgbench_ms | $pgbench_idle % | $load |"
done
say "   ($(psql_value "$HTTP_DB" "SELECT count(*) FROM event_store.domain_event_entry") events in the store afterwards)"
say ""

jfr_profile() { # with BENCH_JFR=1: an extra 8-connection run recorded by JFR, and its top frames
  # A run of its own, after the steady load: the recording costs CPU and would distort any figure it ran beside,
  # and the command-service is some time settling after it (a steady load right after it had twice its CPU per change).
  jfr_ok=1
  "$JAVA_BIN/jcmd" "$CMD_PID" JFR.start name=bench duration="${SECONDS_EACH}s" settings=profile \
      filename="$OUT/command-8.jfr" > /dev/null || { jfr_ok=0; say "   JFR could not be started (jcmd failed); no profile this run"; }
  result=$(wrk_status_changes 8 "$SECONDS_EACH")
  sleep 2   # the recording ends with its duration and is written then
  if [ "$jfr_ok" = 1 ] && [ -f "$OUT/command-8.jfr" ]; then
    # Top frames of the command-service's execution samples at 8 connections: the innermost frame of each sample.
    samples=$("$JAVA_BIN/jfr" print --events jdk.ExecutionSample "$OUT/command-8.jfr")
    total=$(grep -c 'jdk.ExecutionSample' <<< "$samples" || true)
    say "   JFR, command-service in an extra run at 8 connections ($(printf '%.0f' "$(field rate "$result")") changes/s, p99 $(field p99_ms "$result") ms while recording): $total execution samples over ${SECONDS_EACH} s; top frames (innermost):"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/\(.*/, ""); print }' <<< "$samples" \
      | sort | uniq -c | sort -rn | awk 'NR <= 15' | sed 's/^/     /' | tee -a "$REPORT"
    say "   top frames of ours or of Axon, Spring, Jackson, JDBC anywhere in the stack (samples holding the frame):"
    awk '/stackTrace = \[/ { delete seen; next } /line:/ { f = $1; sub(/\(.*/, "", f); if (f ~ /^(fi\.tiekartta|org\.axonframework|org\.postgresql|com\.zaxxer|com\.fasterxml|org\.springframework\.security|org\.apache\.catalina)/ && !(f in seen)) { seen[f] = 1; print f } }' <<< "$samples" \
      | sort | uniq -c | sort -rn | awk 'NR <= 20' | sed 's/^/     /' | tee -a "$REPORT"
    say ""
  fi
}

# --- 2. a steady load: latency, projection lag, and what stalls the slow POSTs -----------------------------------------
group_commit_histogram() { # file: the group commit's write timer now, "le cumulative-count" lines and "sum seconds"
  curl -fs "http://127.0.0.1:$CMD_PORT/actuator/prometheus" | awk '
    /^tiekartta_group_commit_write_seconds_bucket/ { match($0, /le="[^"]*"/); print substr($0, RSTART + 4, RLENGTH - 5), $2 }
    /^tiekartta_group_commit_write_seconds_sum/ { print "sum", $2 }' > "$1"
}
group_commit_writes() { # before after -> "N writes, mean X ms, p99 <= Y ms, max <= Z ms" between the two
  awk 'function ms(le) { return le == "+Inf" ? "over the last bucket" : sprintf("%.1f ms", 1000 * le) }
       NR == FNR { before[$1] = $2; next }
       $1 == "sum" { sum = $2 - before["sum"]; next }
       { le[++k] = $1; below[k] = $2 - before[$1] }
       END { n = below[k]
             for (i = 1; i <= k && n > 0; i++) {
               if (p99 == "" && below[i] >= 0.99 * n) p99 = le[i]
               if (max == "" && below[i] >= n) max = le[i] }
             printf "%d writes, mean %.1f ms, p99 <= %s, max <= %s (the bucket bounds)", n, (n > 0 ? 1000 * sum / n : 0), ms(p99), ms(max) }' "$1" "$2"
}
say "2. Steady load: $STEADY_RATE status changes/s for $STEADY_SECONDS s (open loop, Load.java over kept-alive connections, answer times from when each change was due), projection lag from tiekartta_projection_event_lag_seconds"
say "   targets: POST p99 <= 50 ms, lag p99 <= 200 ms"
# The same load first, unmeasured: part 1's 100,000-odd changes leave the JIT, the caches and autovacuum busy for a
# while, and a steady load measured at once measured that (by hand on a fresh store: POST p99 149 ms in the first
# minute, 10 ms in the second).
java "$ROOT/bench/tools/Load.java" steady "http://127.0.0.1:$CMD_PORT" "http://127.0.0.1:$QRY_PORT" "$COORDINATOR" "$HTTP_PROJECTS" "$STEADY_RATE" "$STEADY_WARMUP_SECONDS" > /dev/null
say "   (after ${STEADY_WARMUP_SECONDS} s of the same load, not measured)"
load_before=$(load_average)
cpu_snapshot "$OUT/cpu-before.txt" "$HTTP_DB"
read -r groups_before grouped_before <<< "$(group_commits)"
group_commit_histogram "$OUT/group-commit-before.txt"
checkpoints_before=$(checkpoint_activity)
window_start=$(now_ms)
result=$(java "$ROOT/bench/tools/Load.java" steady "http://127.0.0.1:$CMD_PORT" "http://127.0.0.1:$QRY_PORT" "$COORDINATOR" "$HTTP_PROJECTS" "$STEADY_RATE" "$STEADY_SECONDS" | grep '^RESULT')
window_end=$(now_ms)
cpu_snapshot "$OUT/cpu-after.txt" "$HTTP_DB"
read -r groups_after grouped_after <<< "$(group_commits)"
group_commit_histogram "$OUT/group-commit-after.txt"
checkpoints_after=$(checkpoint_activity)
read -r cmd_ms qry_ms pg_ms client_ms idle <<< "$(cpu_per_change "$OUT/cpu-before.txt" "$OUT/cpu-after.txt" "$(field sent "$result")")"
say "   sent $(field sent "$result") at $(field rate "$result")/s, answers $(field answers "$result"), POST p50 $(field post_p50_ms "$result") ms p99 $(field post_p99_ms "$result") ms"
say "   projected $(field projected "$result") events: lag p50 $(field lag_p50_ms "$result") ms, p99 $(field lag_p99_ms "$result") ms (commit of the projection's batch minus the event's recorded time)"
say "   in that window ($(( (window_end - window_start) / 1000 )) s, $(date -u -d "@$(( window_start / 1000 ))" +%H:%M:%S)–$(date -u -d "@$(( window_end / 1000 ))" +%H:%M:%S) UTC):"
say "     GC: command-service $(gc_pauses "$OUT/command-service-$HTTP_DB-gc.log" "$window_start" "$window_end"); query-service $(gc_pauses "$OUT/query-service-$HTTP_DB-gc.log" "$window_start" "$window_end")"
say "     group commit (tiekartta_group_commit_write_seconds: lock, inserts and COMMIT): $(group_commit_writes "$OUT/group-commit-before.txt" "$OUT/group-commit-after.txt"), $(per_group "$groups_before" "$grouped_before" "$groups_after" "$grouped_after") commands per group commit"
say "     PostgreSQL (pg_stat_bgwriter, pg_stat_wal): $(checkpoints_between "$checkpoints_before" "$checkpoints_after")"
say "     CPU per change: command-service $cmd_ms ms, query-service $qry_ms ms, PostgreSQL $pg_ms ms, load generator $client_ms ms; machine idle $idle %"
say "     load average before $load_before, after $(load_average)"
say ""
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jfr_profile
fi
stop_services

# --- 3. rebuild -------------------------------------------------------------------------------------------------------
TOTAL=$(( PROJECTS * EVENTS_PER_PROJECT ))
psql_value postgres "CREATE DATABASE $STORE_DB"
psql_value postgres "ALTER DATABASE $STORE_DB SET track_wal_io_timing = on" > /dev/null   # as for 2's database
# The command-service makes the event store's schema (its migrations) and stays up, idle, as in production.
start_service command-service $CMD_PORT "$STORE_DB" "$HEAP"
CMD_PID=$LAST_PID
await_healthy $CMD_PORT
say "3. Rebuild: $TOTAL events of $PROJECTS projects, generated through the append path (JdbcEventStorageEngine + HashChainingAppendEvents)"
say "   target: >= 50,000 events/s or >= 25 % of plain JDBC"
java -cp "$COMMAND_CP" "$ROOT/bench/tools/GenerateEvents.java" "$PG_URL/$STORE_DB" postgres "$PROJECTS" "$EVENTS_PER_PROJECT" 4 2>/dev/null \
  | grep '^generated' | sed 's/^/   /' | tee -a "$REPORT"
psql_value "$STORE_DB" "VACUUM ANALYZE event_store.domain_event_entry"
say "   store: $(psql_value "$STORE_DB" "SELECT pg_size_pretty(pg_total_relation_size('event_store.domain_event_entry'))") with indexes"

replay_state() { curl -fs "http://127.0.0.1:$QRY_PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN" 2>/dev/null || echo '{}'; }
await_idle() { # seconds-limit: until no rebuild runs and every event of the store is in the read model
  for _ in $(seq $(( $1 * 4 ))); do
    state=$(replay_state)
    grep -q '"state":"IDLE"' <<< "$state" && grep -q "\"eventsDone\":$TOTAL," <<< "$state" && return 0
    sleep 0.25
  done
  echo "the query-service did not finish rebuilding within $1 s" >&2; exit 1
}
start_service query-service $QRY_PORT "$STORE_DB" "$QUERY_HEAP"
QRY_PID=$LAST_PID
sample_heap "$QRY_PID" "$OUT/heap-query-rebuild.txt"
await_healthy $QRY_PORT
# A deployment's first start on a store builds its first read model (the same bulk path, with no read model to
# answer from meanwhile); the rebuild timed is the one an admin starts beside a read model in use.
QRY_LOG=$OUT/query-service-$STORE_DB.log
started=$(date +%s.%N)
await_build_logged "$QRY_LOG" 1 7200 || { echo "the query-service's first build did not end (see $QRY_LOG)" >&2; exit 1; }
await_idle 60
first_build=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
say "   first start on the store, from healthy until the first read model was built: $first_build s"
load=$(load_average)
checkpoints_before=$(checkpoint_activity)
cpu_snapshot "$OUT/cpu-before.txt" "$STORE_DB"
machine_ticks > "$OUT/machine-before.txt"   # the machine's figures over the timed span alone, not the snapshots'
started=$(date +%s.%N)
answer=$(curl -s -w ' %{http_code}' -X POST "http://127.0.0.1:$QRY_PORT/api/admin/replay" -H "Authorization: Bearer $ADMIN")
[ "${answer##* }" = 202 ] && grep -q '"state":"REBUILDING"' <<< "$answer" || { echo "POST /api/admin/replay answered: $answer" >&2; exit 1; }
await_build_logged "$QRY_LOG" 2 7200 || { echo "the rebuild did not end (see $QRY_LOG)" >&2; exit 1; }
await_idle 60
elapsed=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
machine_ticks > "$OUT/machine-after.txt"
cpu_snapshot "$OUT/cpu-after.txt" "$STORE_DB"
checkpoints_after=$(checkpoint_activity)
rebuild_rate=$(awk -v n="$TOTAL" -v t="$elapsed" 'BEGIN { printf "%.0f", n / t }')
rows=$(psql_value "$STORE_DB" "SELECT (SELECT count(*) FROM read_model.project_change) || ' changes, ' || (SELECT count(*) FROM read_model.project_view) || ' view rows (' || (SELECT count(*) FROM read_model.project_view WHERE recorded_to IS NULL) || ' believed now)'")
say "   POST /api/admin/replay until GET /api/admin/replay says IDLE with every event done: ${elapsed} s = $rebuild_rate events/s (load average before $load, after $(load_average))"
say "   read models: $rows"
# The rebuild's CPU, the budget two cores give: on 2 cores the rate can reach N events/s only if the rebuild
# needs at most 2 x TOTAL / N core-seconds (docs/PERFORMANCE.md, "What bounds each number", 3).
# The machine's busy time counts every process, also PostgreSQL's that began and ended within the rebuild (a
# parallel index build's workers), which the per-process figures miss; those are read just outside the timed span
# (a psql query and an awk per backend), so on a small store they can add up to more than the machine's.
read -r _ qry_ms pg_ms _ _ <<< "$(cpu_per_change "$OUT/cpu-before.txt" "$OUT/cpu-after.txt" 1)"
read -r busy idle < <(awk -v hz="$CLK_TCK" 'NR == FNR { before[$1] = $2; next } { after[$1] = $2 }
    END { all = after["all"] - before["all"]; idle = after["idle"] - before["idle"]
          printf "%.1f %.0f\n", (all - idle) / hz, (all > 0 ? 100 * idle / all : 0) }' "$OUT/machine-before.txt" "$OUT/machine-after.txt")
say "   CPU during it: $busy core-seconds busy in all ($idle % idle); read just around that span, the query-service $(awk -v m="$qry_ms" 'BEGIN { printf "%.1f", m / 1000 }') s and PostgreSQL's backends of the store and own processes $(awk -v m="$pg_ms" 'BEGIN { printf "%.1f", m / 1000 }') s; 50,000 events/s on $(nproc) cores allows $(awk -v n="$TOTAL" -v c="$(nproc)" 'BEGIN { printf "%.1f", c * n / 50000 }') core-seconds for these $TOTAL events"
say "   PostgreSQL during it (pg_stat_bgwriter, pg_stat_wal): $(checkpoints_between "$checkpoints_before" "$checkpoints_after")"
say "   the query-service's log: $(grep 'Read model rebuilt' "$QRY_LOG" | tail -1)"
jdbc=$(java -cp "$COMMAND_CP" "$ROOT/bench/tools/ReadEvents.java" "$PG_URL/$STORE_DB" postgres | grep '^RESULT')
jdbc_rate=$(field rate "$jdbc")
say "   plain JDBC read of the same rows (ORDER BY global_index, fetch size 1000): $(field seconds "$jdbc") s = $jdbc_rate rows/s"
say "   ratio: $(awk -v a="$rebuild_rate" -v b="$jdbc_rate" 'BEGIN { printf "%.1f %%", 100 * a / b }')"
say ""

# --- 4. queries on that store -------------------------------------------------------------------------------------------
stop_samplers
sample_heap "$QRY_PID" "$OUT/heap-query-queries.txt"
QUERIES=http://127.0.0.1:$QRY_PORT
AS_OF=2024-06-30
FIRST_DAY=2022-01-03   # the generated histories begin in 2022 and end a month ago (GenerateEvents)
DAYS=$(( ( $(date -d '30 days ago' +%s) - $(date -d "$FIRST_DAY" +%s) ) / 86400 ))
wrk_get() { # connections seconds url [first-day days]
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$1" -d"$2"s --timeout 60s -s "$ROOT/bench/lua/get.lua" "$3" -- "$READER" "${@:4}" | grep '^RESULT'
}
first_call() { # url -> "X ms" (or the status when not 200)
  local answer
  answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 120 "$1" -H "Authorization: Bearer $READER" || true)
  [ "${answer%% *}" = 200 ] && awk -v t="${answer#* }" 'BEGIN { printf "%.0f ms", 1000 * t }' || echo "answered ${answer%% *}"
}
row() { # label connections RESULT-line
  say "   | $1 | $2 | $(field rate "$3") | $(field p50_ms "$3") ms | $(field p95_ms "$3") ms | $(field p99_ms "$3") ms | $(field bytes_per_answer "$3") | $(field non200 "$3") |"
}
say "4. Queries at $PROJECTS projects / $TOTAL events (${SECONDS_EACH} s each; load average at the start $(load_average))"
say "   targets: roadmap p95 <= 100 ms at 1 connection and >= 20 answers/s at 4; year-end report <= 1 s"
roadmap_first=$(first_call "$QUERIES/api/roadmap?asOf=$AS_OF")
report_first=$(first_call "$QUERIES/api/reports/year-end/2024")
say "   | request | connections | answers/s | p50 | p95 | p99 | bytes | not 200 |"
say "   |---|---|---|---|---|---|---|---|"
for c in 1 4; do
  row "GET /api/roadmap?asOf=$AS_OF (kept answer)" "$c" "$(wrk_get "$c" "$SECONDS_EACH" "$QUERIES/api/roadmap?asOf=$AS_OF")"
done
for c in 1 4; do
  not_kept=$(wrk_get "$c" "$SECONDS_EACH" "$QUERIES/api/roadmap" "$FIRST_DAY" "$DAYS")
  row "GET /api/roadmap?asOf=(random day: not kept)" "$c" "$not_kept"
  [ "$c" = 1 ] && not_kept_p50=$(field p50_ms "$not_kept")
done
row "GET /api/roadmap?asOf=(random day)&sector=TEKNIIKKA&status=IN_PROGRESS" 1 \
    "$(wrk_get 1 "$SECONDS_EACH" "$QUERIES/api/roadmap?sector=TEKNIIKKA&status=IN_PROGRESS" "$FIRST_DAY" "$DAYS")"
row "GET /api/projects?asOf=(random day)&limit=100" 1 "$(wrk_get 1 "$SECONDS_EACH" "$QUERIES/api/projects?limit=100" "$FIRST_DAY" "$DAYS")"
row "GET /api/reports/year-end/2024 (repeated)" 1 "$(wrk_get 1 "$SECONDS_EACH" "$QUERIES/api/reports/year-end/2024")"
load=$(load_average)
sql=$(java -cp "$QUERY_CP" "$ROOT/bench/tools/ReadRoadmap.java" "$PG_URL/$STORE_DB" postgres "$AS_OF" 20 2> "$OUT/read-roadmap.log" | grep '^RESULT')
sql_random=$(java -cp "$QUERY_CP" "$ROOT/bench/tools/ReadRoadmap.java" "$PG_URL/$STORE_DB" postgres "$AS_OF" 40 "$FIRST_DAY" "$DAYS" 2>> "$OUT/read-roadmap.log" | grep '^RESULT')
say "   first calls: roadmap asOf=$AS_OF $roadmap_first, year-end report $report_first"
say "   the roadmap's own SQL (ProjectViewTable.visibleAt, every row and column) through plain JDBC, asOf=$AS_OF known now:"
say "     $(field rows "$sql") rows ($(field state_mb "$sql") MB of state), first $(field first_ms "$sql") ms, then p50 $(field p50_ms "$sql") ms, p95 $(field p95_ms "$sql") ms over $(field runs "$sql") runs (load average $load);"
say "     the same on a random day each run (as the roadmap not kept asks): p50 $(field p50_ms "$sql_random") ms, p95 $(field p95_ms "$sql_random") ms over $(field runs "$sql_random") runs;"
say "     the roadmap not kept, at 1 connection, p50: $(awk -v a="$not_kept_p50" -v b="$(field p50_ms "$sql_random")" 'BEGIN { if (b > 0) printf "%.1f", a / b; else printf "-" }') times its SQL's on random days"
phases=$(curl -fs "$QUERIES/actuator/prometheus" | awk -F'[{}" ]' '
  /^tiekartta_report_year_end_phase_seconds_count/ { for (i = 1; i < NF; i++) if ($i ~ /phase=$/) p = $(i + 1); count[p] = $NF }
  /^tiekartta_report_year_end_phase_seconds_sum/ { for (i = 1; i < NF; i++) if ($i ~ /phase=$/) p = $(i + 1); sum[p] = $NF }
  END { for (p in sum) if (count[p] > 0) printf "%s %.0f ms, ", p, 1000 * sum[p] / count[p] }')
say "   year-end report, mean time per phase: ${phases%, }"
# The same year as known at an instant since past, as a reproduction of a published report asks it (after the phase
# means above, which are the report's as known now): the digest's stream heads as known then (docs/AUDIT.md), each
# stream walked back from its head to its last event by then.
PAST_KNOWN_AT=2025-02-15T00:00:00Z
report_past_first=$(first_call "$QUERIES/api/reports/year-end/2024?knownAt=$PAST_KNOWN_AT")
report_past_again=$(first_call "$QUERIES/api/reports/year-end/2024?knownAt=$PAST_KNOWN_AT")
say "   year-end report 2024 as known at $PAST_KNOWN_AT (as a later reproduction asks it): first call $report_past_first, again $report_past_again"
say ""

# --- 5. memory ---------------------------------------------------------------------------------------------------------
stop_samplers
say "5. Peak heap used (jstat every 250 ms)"
say "   query-service (-Xmx$QUERY_HEAP): $(peak_heap_mb "$OUT/heap-query-rebuild.txt") MB during 3 (first build and rebuild), $(peak_heap_mb "$OUT/heap-query-queries.txt") MB during 4"
say ""
say "the run took $((SECONDS / 60)) min $((SECONDS % 60)) s$([ "${BENCH_SKIP_BUILD:-}" = 1 ] || echo ', the build of the jars included')$([ "$QUICK" = 1 ] && echo ' (target for --quick: 10 minutes)')"
say "report written to ${REPORT#"$ROOT"/}"
exit
}
