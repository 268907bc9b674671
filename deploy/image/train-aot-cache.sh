#!/usr/bin/env bash
# The image build's training start (Dockerfile, stage "train"): Hubguard in its production configuration against a
# throw-away PostgreSQL, with the image's JVM flags and -XX:AOTCacheOutput, until readiness and a few requests; a
# normal stop then writes the JDK's AOT cache. Usage: train-aot-cache.sh <cache file>
set -euo pipefail
cache="$1"
pg_version="$(ls /etc/postgresql | sort -V | tail -n 1)"
pg_ctlcluster "$pg_version" main start
su postgres -c "psql -q -c \"alter user postgres password 'training'\" -c 'create database hubguard'"
cat > /tmp/clusters.yaml <<'YAML'
clusters:
  - name: training
    provider: gcp
    kubeContext: training
    hubs:
      - name: staging
        namespace: staging
        helmRelease: staging
        url: https://staging.example.org
        auth: github
        admins:
          users: ["someone"]
YAML
export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/hubguard SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD=training HUBGUARD_GITHUB_CLIENT_ID=training HUBGUARD_GITHUB_CLIENT_SECRET=training \
  HUBGUARD_CATALOGUE=/tmp/clusters.yaml HUBGUARD_BIND_ADDRESS=127.0.0.1 PORT=8080 \
  HUBGUARD_PUBLIC_URL=http://127.0.0.1:8080 HUBGUARD_KEKS="training-1:$(head -c 32 /dev/urandom | base64)"
# The same flags as the ENTRYPOINT, with the cache written instead of read.
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -XX:MaxRAMPercentage=50 -XX:MetaspaceSize=128m \
  -XX:ReservedCodeCacheSize=128m -XX:AOTCacheOutput="$cache" \
  -Dspring.aot.enabled=true -Djava.io.tmpdir=/tmp -jar /app/hubguard.jar > /tmp/training.log 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null http://127.0.0.1:8080/actuator/health/readiness && break
  kill -0 "$pid" 2>/dev/null || { tail -n 50 /tmp/training.log; exit 1; }
  sleep 0.5
done
for _ in $(seq 1 20); do
  curl -s -o /dev/null http://127.0.0.1:8080/login
  curl -s -o /dev/null http://127.0.0.1:8080/api/v1/hubs
done
kill -TERM "$pid"
wait "$pid" || true
pg_ctlcluster "$pg_version" main stop
[ -s "$cache" ] || { echo "no AOT cache written"; tail -n 50 /tmp/training.log; exit 1; }
ls -l "$cache"
