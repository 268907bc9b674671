# Build: the Maven wrapper picks the JDK; tests run in CI, not here.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 hubguard \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin hubguard
# The jar stays root's and read-only; the portal writes only to /tmp (an emptyDir in Kubernetes).
COPY --from=build /src/target/hubguard-*.jar /app/hubguard.jar
# Numeric, so Kubernetes' runAsNonRoot can check it.
USER 10001:10001
WORKDIR /app
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp", "-jar", "/app/hubguard.jar"]
