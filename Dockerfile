# syntax=docker/dockerfile:1
# One image recipe for both services; SERVICE picks which. Build from the repository root (the multi-module
# build needs every module):
#   docker build --build-arg SERVICE=command-service -t tiekartta/command-service .
#   docker build --build-arg SERVICE=query-service -t tiekartta/query-service .
ARG SERVICE=command-service

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between builds (BuildKit, the default builder).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -DskipTests -pl ${SERVICE} -am && cp ${SERVICE}/target/${SERVICE}.jar /src/service.jar

FROM eclipse-temurin:17-jre
# curl for the health check (docker-compose.yml).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system tiekartta \
    && useradd --system --gid tiekartta --home-dir /app --no-create-home tiekartta
WORKDIR /app
COPY --from=build /src/service.jar /app/service.jar
USER tiekartta
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
