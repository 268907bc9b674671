#!/usr/bin/env bash
# Time to compute every hub's isolation report from the cluster caches, and the API requests made while doing it,
# with 100 extra hubs of 1,000 user pods each in the demo's cloudbank cluster (database hubguard_bench_isolation,
# recreated). Usage: bench/isolation.sh [hubs=100] [pods per hub=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
MAVEN_OPTS="${MAVEN_OPTS:--Xmx3g}" ./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.hubguard.bench.IsolationBenchmark -Dexec.args="${1:-100} ${2:-1000}" -Dexec.cleanupDaemonThreads=false
