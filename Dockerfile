# Build: the production jar with Spring AOT's generated code (process-aot runs in package), then extracted (Spring
# Boot's jarmode tools: the jar and lib/ beside it, which starts faster). Tests run in CI, not here.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package \
 && java -Djarmode=tools -jar target/hubguard-0.1.0-SNAPSHOT.jar extract --destination /app \
 && mv /app/hubguard-0.1.0-SNAPSHOT.jar /app/hubguard.jar

FROM eclipse-temurin:25-jre AS runtime
RUN groupadd --system --gid 10001 hubguard \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin hubguard
# The jar stays root's and read-only; the portal writes only to /tmp (an emptyDir in Kubernetes).
COPY --from=build /app /app
WORKDIR /app

# Training (JDK 25's AOT cache): one start to readiness against a throw-away PostgreSQL and a few requests, then a
# normal stop; the JDK writes the classes it loaded and linked, and method profiles, into /tmp/hubguard.aot. This
# stage starts from the same layers as the final one, so the cache matches its /app exactly.
FROM runtime AS train
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql curl >/dev/null
COPY deploy/image/train-aot-cache.sh /usr/local/bin/train-aot-cache.sh
RUN /usr/local/bin/train-aot-cache.sh /tmp/hubguard.aot

FROM runtime
COPY --from=train /tmp/hubguard.aot /app/hubguard.aot
# Numeric, so Kubernetes' runAsNonRoot can check it.
USER 10001:10001
EXPOSE 8080
# Start flags measured by bench/start.sh: C1 only, the serial collector and small thread stacks start fastest on two
# cores and keep the resident memory low. The heap is half the memory limit (512 MiB under deploy/kubernetes' 1 GiB):
# bench/run's provider-scale seed (100,000 user pods in the caches) peaked at 270 MiB live during the isolation and
# page load and ran a 384 MiB heap with back-to-back full collections there, at 657 MiB RSS. Metaspace and code cache
# thresholds above what the portal fills (80 and 28 MiB at that seed): below them, the JVM ran three full collections
# during the start ("Metadata GC Threshold", the default first threshold is 21 MiB) and two under load ("CodeCache GC
# Threshold"); both are reservations, resident only as they fill. -Dspring.aot.enabled=true uses the bean definitions
# generated at build time.
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxRAMPercentage=50", \
            "-XX:MetaspaceSize=128m", "-XX:ReservedCodeCacheSize=128m", \
            "-XX:AOTCache=/app/hubguard.aot", "-Dspring.aot.enabled=true", "-Djava.io.tmpdir=/tmp", \
            "-jar", "/app/hubguard.jar"]
