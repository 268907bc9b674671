#!/usr/bin/env bash
# Alert intake alone: bench/run's intake phase (pgbench's 100-row batch inserts on the same PostgreSQL, then the
# production jar's webhook from 8 senders in their own JVM) against the demo's hubs and an empty database.
# Usage: bench/alerts.sh [notifications=400] (100 alerts each). BENCH_JFR=file.jfr records a profile of the portal.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_ONLY=intake BENCH_SEED=none exec bench/run "${1:-400}"
