#!/usr/bin/env bash
# Approve-to-applied latency and drift-repair time of the reconciler, against the demo's in-memory clusters
# and the local PostgreSQL (database hubguard_bench, recreated). Usage: bench/reconciler.sh [changes=200]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.hubguard.bench.ReconcilerBenchmark -Dexec.args="${1:-200}" -Dexec.cleanupDaemonThreads=false
