#!/usr/bin/env bash
# The reconciler against in-memory clusters and the local PostgreSQL (database hubguard_bench, recreated).
#   bench/reconciler.sh [changes=200]   approve-to-applied latency and drift repair over the 26 demo hubs
#   bench/reconciler.sh scale [hubs=1000]   1,000 hubs x 3 owned objects on one cluster: full-resync time and the
#                                           API requests it makes, approve-to-applied under that load, and the
#                                           API requests of 1,000 effective-access views
set -euo pipefail
cd "$(dirname "$0")/.."
main=dev.hubguard.bench.ReconcilerBenchmark
if [ "${1:-}" = scale ]; then
  main=dev.hubguard.bench.ClusterScaleBenchmark
  shift
  args="${1:-1000}"
else
  args="${1:-200}"
fi
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass="$main" -Dexec.args="$args" -Dexec.cleanupDaemonThreads=false
