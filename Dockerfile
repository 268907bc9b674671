# Build: the Maven wrapper picks the JDK; tests run in CI, not here.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 hubguard
USER hubguard
COPY --from=build /src/target/hubguard-*.jar /app/hubguard.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/hubguard.jar"]
