#!/usr/bin/env bash
# Pages and APIs at bench/run's scale in one JVM, without its load phases: seeds 100 hubs x 1,000 user pods, 10,000
# change requests, 1,000,000 audit rows and 1,000,000 alerts (database hubguard_page_probe, recreated), then prints
# one staff client's and 8 concurrent clients' time per request for each page. Usage: bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -Dspring-javaformat.skip=true test-compile
MAVEN_OPTS="${MAVEN_OPTS:--Xmx5g}" ./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.hubguard.bench.PageScaleProbe -Dexec.cleanupDaemonThreads=false
