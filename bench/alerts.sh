#!/usr/bin/env bash
# Alert intake under load: Hubguard runs in one process, the load generator posts Alertmanager notifications from
# another, on loopback; pgbench measures the raw insert rate of the same PostgreSQL in the same run.
# Usage: bench/alerts.sh [senders=8] [notifications=400] [alerts per notification=100]
set -euo pipefail
cd "$(dirname "$0")/.."
senders="${1:-8}"; notifications="${2:-400}"; per="${3:-100}"
db=hubguard_bench_alerts; port=18080; token="bench-$(date +%s%N)"
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $db with (force)" -c "create database $db"
./mvnw -q -B -Dspring-javaformat.skip=true -DskipTests package
java_bin=java
for jdk in /usr/lib/jvm/*/; do
  if "$jdk/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then java_bin="$jdk/bin/java"; fi
done
"$java_bin" -jar target/hubguard-*.jar --hubguard.demo.mode=true --hubguard.demo.dir=target/demo-bench-alerts \
  --server.port=$port --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$db --spring.datasource.username=postgres \
  --hubguard.machine-tokens.alertmanager-token="$token" --hubguard.cryptnono.poll-interval=1h --logging.level.root=warn \
  > target/bench-alerts-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 0.5; done

# The same PostgreSQL, raw: single-row inserts, and 100-row batches (the shape of one notification).
psql -h 127.0.0.1 -U postgres -d $db -qc "create table bench_raw (id bigserial primary key, fingerprint text not null,
  starts_at timestamptz not null, labels text not null, unique (fingerprint, starts_at))"
echo "insert into bench_raw (fingerprint, starts_at, labels) values (md5(random()::text), now(), '{\"alertname\":\"X\"}');" > target/bench-single.sql
echo "insert into bench_raw (fingerprint, starts_at, labels) select md5(random()::text), now(), '{\"alertname\":\"X\"}' from generate_series(1, $per);" > target/bench-batch.sql
single=$(pgbench -n -h 127.0.0.1 -U postgres -c "$senders" -j 2 -T 10 -f target/bench-single.sql $db 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
batch=$(pgbench -n -h 127.0.0.1 -U postgres -c "$senders" -j 2 -T 10 -f target/bench-batch.sql $db 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
printf 'postgres raw: %.0f single-row inserts/s; %.0f rows/s in %d-row batches (pgbench, %d clients)\n' "$single" "$(echo "$batch * $per" | bc)" "$per" "$senders"

./mvnw -q -B -Dspring-javaformat.skip=true exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.hubguard.bench.AlertLoadGenerator \
  -Dexec.args="http://127.0.0.1:$port $token $senders $notifications $per"
