#!/usr/bin/env bash
# The widening classifier against brute force, for many random pairs of policies (WideningPropertyTest).
# Prints jqwik's statistics; a mismatch fails with the shrunk pair. Usage: bench/egress-classifier.sh [tries=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test -Dtest=WideningPropertyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Djqwik.tries.default="${1:-1000000}"
