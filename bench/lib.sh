# Helpers the benchmark scripts share; sourced, not run.

# Waits until the query-service's log holds `count` lines saying a build of the read model ended ("Read model
# rebuilt"), or one saying it failed; gives up after `seconds`. It follows the log with `tail -F` (inotify), so it
# costs no CPU while it waits: a loop asking GET /api/admin/replay with curl every 250 ms took 0.17-0.18 of a
# core on a 2-core host, CPU the timed rebuild then lacked (docs/PERFORMANCE.md, "What changed on 2026-12-02").
# The caller still asks the service itself whether it is idle with every event done (the figure's definition).
# Nothing here starts a process per line (the time is bash's own SECONDS); $! names the process substitution's
# tail since bash 4.4.
await_build_logged() { # log count seconds
  local log=$1 count=$2 seen=0 line fd tail_pid ended=1
  local deadline=$(( SECONDS + $3 ))
  exec {fd}< <(exec tail -n +1 -F "$log" 2>/dev/null)
  tail_pid=$!
  while (( SECONDS < deadline )) && IFS= read -r -t $(( deadline - SECONDS )) -u "$fd" line; do
    if [[ $line == *"The rebuild of the read model failed"* ]]; then break; fi
    if [[ $line == *"Read model rebuilt"* ]] && (( ++seen >= count )); then ended=0; break; fi
  done
  kill "$tail_pid" 2>/dev/null || true
  exec {fd}<&-
  return "$ended"
}
