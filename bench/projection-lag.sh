#!/usr/bin/env bash
# How long until a recorded status change is visible in the query-service (append -> view).
# Starts both services from freshly built jars on a new database of the local PostgreSQL, posts
# sequential status changes and polls the view; prints p50/p95/p99/max. Usage: bench/projection-lag.sh [changes]
# The whole script is one block, read in full before it runs: bash reads a script as it goes, so an edit made
# while a run lasts would otherwise change what the rest of that run does.
{
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q verify -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.groups=benchmark -Dit.test=ProjectionLagBenchmarkIT -Dbench.changes="${1:-300}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')"
cat system-tests/target/projection-lag.txt
exit
}
