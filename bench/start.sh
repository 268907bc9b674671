#!/usr/bin/env bash
# Production start: from the process start to /actuator/health/readiness UP, in the production configuration (real
# PostgreSQL with the schema already migrated, a sign-in provider configured, no demo), and the resident memory once
# ready. Three ways to run the same jar: `java -jar`, the jar extracted (Spring Boot's jarmode tools), and extracted
# with the JDK's AOT cache (JDK 25: one training run writes it). Usage: bench/start.sh [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
db=hubguard_bench_start
java_bin=""
for jdk in /usr/lib/jvm/*/; do
  if "$jdk/bin/java" -version 2>&1 | grep -E 'version "(2[5-9]|[3-9][0-9])' >/dev/null; then java_bin="$jdk/bin/java"; fi
done
[ -n "$java_bin" ] || { echo "no JDK 25+ under /usr/lib/jvm: the AOT cache needs one"; exit 1; }
[ -f target/hubguard-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -B -Dspring-javaformat.skip=true -DskipTests package
jar=$(ls target/hubguard-*.jar | head -n 1)
work=$(mktemp -d /tmp/hubguard-start.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/clusters.yaml" <<'EOF'
clusters:
  - name: prod
    provider: gcp
    kubeContext: prod
    hubs:
      - name: staging
        namespace: staging
        helmRelease: staging
        url: https://staging.example.org
        auth: github
        admins:
          users: ["someone"]
EOF
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" -c "create database $db" >/dev/null
port=18181
export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" SPRING_DATASOURCE_USERNAME=postgres \
  HUBGUARD_GITHUB_CLIENT_ID=start-bench HUBGUARD_GITHUB_CLIENT_SECRET=not-used HUBGUARD_CATALOGUE="$work/clusters.yaml" \
  HUBGUARD_BIND_ADDRESS=127.0.0.1 PORT=$port HUBGUARD_PUBLIC_URL=https://hubguard.example.org HUBGUARD_LOG_FORMAT="" \
  HUBGUARD_KEKS="bench-1:$(head -c 32 /dev/zero | base64)"

# Starts the command in the background, waits for readiness, prints "ms rss_mib", stops it.
measure() {
  local started now pid rss
  started=$(date +%s%N)
  "$@" > "$work/run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "failed"; tail -n 20 "$work/run.log" >&2; return 1; fi
    sleep 0.02
  done
  now=$(date +%s%N)
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (now - started) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=75)
# The schema is migrated once, before any measured run.
measure "$java_bin" -jar "$jar" >/dev/null

"$java_bin" -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
app="$work/app/$(basename "$jar")"
# Training run: the JDK records the classes loaded and linked during a start into the AOT cache.
"$java_bin" -XX:AOTCacheOutput="$work/app.aot" -Dspring.context.exit=onRefresh -jar "$app" > "$work/train.log" 2>&1 || true
[ -f "$work/app.aot" ] || { echo "AOT cache not written:"; tail -n 20 "$work/train.log"; }

load=$(cut -d' ' -f1 /proc/loadavg)
printf 'production start to readiness UP (%s runs each, median; load average %s; %s)\n' "$runs" "$load" "$("$java_bin" -version 2>&1 | head -n 1)"
printf '%-44s %10s %10s   %s\n' "how" "ready ms" "RSS MiB" "target"
for variant in "java -jar|$java_bin -jar $jar" \
               "java -jar, start flags|$java_bin ${flags[*]} -jar $jar" \
               "extracted, start flags|$java_bin ${flags[*]} -jar $app" \
               "extracted, start flags, AOT cache|$java_bin ${flags[*]} -XX:AOTCache=$work/app.aot -jar $app"; do
  name="${variant%%|*}"; command="${variant#*|}"
  times=(); rss=()
  for _ in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086
    read -r ms mib < <(measure $command) || { ms=failed; mib=-; }
    times+=("$ms"); rss+=("$mib")
  done
  printf '%-44s %10s %10s   ready <= 5000 ms\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
done
