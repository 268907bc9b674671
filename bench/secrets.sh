#!/usr/bin/env bash
# Set-to-present-in-cluster latency of secrets (1,000 across 100 hubs) and the time to re-wrap all of them under
# a new KEK, against the demo's in-memory clusters and the local PostgreSQL (database hubguard_bench_secrets,
# recreated). Usage: bench/secrets.sh [secrets=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.hubguard.bench.SecretsBenchmark -Dexec.args="${1:-1000}" -Dexec.cleanupDaemonThreads=false
