#!/usr/bin/env bash
# Every property test (plain JUnit, seeded SplittableRandom; see dev.hubguard.support.Properties) with enough
# tries for at least 1,000,000 generated inputs in all, then one line per property: tries, time and seed.
# Usage: bench/properties.sh [tries per property=125000] [tries per costly property=10000] [seed] [API tries=125000]
# The costly ones (the brute-force widening comparison and the renderer's reach check) take milliseconds a try.
# ApiFuzzPropertyTest sends malformed requests to a running portal (demo mode, PostgreSQL on 127.0.0.1:5432 as for
# the tests), 8 a try: 125,000 tries are 1,000,000 requests (about 50 minutes on a busy 2-core machine).
# A failure names the property, the try, the seed and the input: replay with the seed printed.
set -euo pipefail
cd "$(dirname "$0")/.."
tries="${1:-125000}"
costly="${2:-10000}"
seed="${3:-$(od -An -N8 -td8 /dev/urandom | tr -d ' ')}"
api="${4:-125000}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
./mvnw -B -Dspring-javaformat.skip=true test \
  -Dtest='EgressPropertyTest,IntakeParsersPropertyTest,WideningPropertyTest,ApiFuzzPropertyTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dhubguard.property.api-tries="$api" \
  -Dhubguard.property.tries="$tries" -Dhubguard.property.costly-tries="$costly" -Dhubguard.property.seed="$seed" \
  >"$log" 2>&1 || status=$?
grep -a -E 'failed on try|Tests run:.*Fail|BUILD' "$log" | sed -n '1,20p' || true
echo
awk -v seed="$seed" '
  /^\[property\] / {
    line = substr($0, 12)
    match(line, /: [0-9]+ tries in [0-9]+ ms/)
    name = substr(line, 1, RSTART - 1)
    split(substr(line, RSTART + 2, RLENGTH - 2), f, " ")
    run_seed = line; sub(/.*seed /, "", run_seed)
    printf "%-62s %9d tries %8.1f s  seed %s\n", name, f[1], f[4] / 1000, run_seed
    total += f[1]; ms += f[4]; n++
  }
  END {
    printf "%-62s %9d tries %8.1f s\n", "all " n " properties", total, ms / 1000
    printf "seed %s (replay: bench/properties.sh TRIES COSTLY %s API_TRIES)\n", seed, seed
    if (total < 1000000) { print "fewer than 1,000,000 generated inputs"; exit 1 }
  }' "$log"
exit "$status"
