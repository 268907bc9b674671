#!/usr/bin/env bash
# The randomised drift test at bench size: random edits of every owned kind (NetworkPolicies in every egress mode,
# Secrets, ConfigMaps) on the in-memory API server, each checked for repair, kept foreign keys and no false IN_SYNC.
# Prints edits tried / repaired / false IN_SYNC and repair p50/p99 per kind and mode; then (ActsAtOnceTest, 100
# samples each) approval -> the explainer's new verdict and catalogue file change -> hub retired / restored hub's
# object back, p50/p99 beside the targets.
#   bench/drift.sh [edits=10000] [seed]
# Uses the database hubguard_bench (SPRING_DATASOURCE_URL overrides). The fight rule (5 repairs in 10 minutes) is
# raised for the run: the bench edits each object far more often than that on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
edits="${1:-10000}"
seed="${2:-}"
export SPRING_DATASOURCE_URL="${SPRING_DATASOURCE_URL:-jdbc:postgresql://127.0.0.1:5432/hubguard_bench}"
psql -h 127.0.0.1 -U postgres -tc "select 1 from pg_database where datname = 'hubguard_bench'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -c "create database hubguard_bench" >/dev/null
./mvnw -q -B -Dspring-javaformat.skip=true test -Dtest='DriftRandomTest,ActsAtOnceTest' -Datonce.samples="${ATONCE_SAMPLES:-100}" -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddrift.cases="$edits" ${seed:+-Ddrift.seed="$seed"} -Dhubguard.reconciler.fight-repairs=1000000 \
  -Dsurefire.timeout=0 2>&1 | grep -E 'DriftRandomTest|ActsAtOnceTest|repair |Tests run|FAIL|AssertionError' || true
