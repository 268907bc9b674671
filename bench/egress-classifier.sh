#!/usr/bin/env bash
# The widening classifier against brute force, for many random pairs of policies (WideningPropertyTest, plain JUnit).
# Prints the share of widening pairs and the seed; a mismatch fails with the seed, the try and the failing pair
# (replay with -Dhubguard.property.seed=S; nothing is shrunk). Usage: bench/egress-classifier.sh [tries=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test -Dtest=WideningPropertyTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dhubguard.property.tries="${1:-1000000}"
