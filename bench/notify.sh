#!/usr/bin/env bash
# Notification figures (issue 22), against the demo's embedded mail server and the local PostgreSQL (database
# hubguard_bench_notify, recreated): event -> message handed to SMTP p50/p99 (the sender woken by the commit), the
# cost of recording an event on the request path, and N events through the outbox with 2 senders sharing the work
# (lost / sent twice). Usage: bench/notify.sh [events=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.hubguard.notify.NotifyBenchmark -Dexec.args="${1:-10000}" -Dexec.cleanupDaemonThreads=false
