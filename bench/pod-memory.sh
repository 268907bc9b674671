#!/usr/bin/env bash
# Heap held per cached user pod: the reduced form alone and the cache's compacted form, for the bench's pods and for a
# pod as the Z2JH chart makes it. Usage: bench/pod-memory.sh [pods=50000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
MAVEN_OPTS="${MAVEN_OPTS:--Xmx2g -XX:+UseSerialGC}" ./mvnw -q -B -Dspring-javaformat.skip=true exec:java \
  -Dexec.classpathScope=test -Dexec.mainClass=dev.hubguard.bench.PodMemoryProbe -Dexec.args="${1:-50000}" \
  -Dexec.cleanupDaemonThreads=false
