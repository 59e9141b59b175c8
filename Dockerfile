# syntax=docker/dockerfile:1
#
# Fireline container images. One Dockerfile, two final targets:
#
#   docker build --target api    -t fireline-api .
#   docker build --target worker -t fireline-worker .
#
# (docker-compose.yml builds both.) Requires BuildKit, which is the default
# builder of Docker Engine 23+ and of `docker compose`; the Maven repository
# is kept in a cache mount so rebuilds do not download dependencies again.

ARG JDK_IMAGE=eclipse-temurin:17-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble

# ---------------------------------------------------------------------------
# build: compile both executable jars with the Maven wrapper
# ---------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /src

COPY . .

# -pl api,worker -am builds api, worker and the modules they depend on
# (workflows, activities) and skips the standalone module.
# sharing=locked: compose builds the api and worker targets in parallel and
# two Maven runs must not write to the same local repository at once.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    chmod +x mvnw \
 && ./mvnw -B --no-transfer-progress -DskipTests -pl api,worker -am package \
 && mkdir -p /out \
 && cp api/target/fireline-api-exec.jar /out/fireline-api.jar \
 && cp worker/target/fireline-worker-exec.jar /out/fireline-worker.jar

# ---------------------------------------------------------------------------
# runtime: JRE only, unprivileged user
# ---------------------------------------------------------------------------
FROM ${JRE_IMAGE} AS runtime
RUN groupadd --system --gid 10001 fireline \
 && useradd --system --no-log-init --uid 10001 --gid fireline --no-create-home \
      --home-dir /app --shell /usr/sbin/nologin fireline
WORKDIR /app
# The jar is copied as root-owned and world-readable: the unprivileged user
# can run it but not modify it. The entrypoints size the heap from the
# container memory limit (-XX:MaxRAMPercentage); pass further JVM flags with
# JAVA_TOOL_OPTIONS at run time.

# ---------------------------------------------------------------------------
# worker: hosts the Temporal workers; actuator on 8081
# ---------------------------------------------------------------------------
FROM runtime AS worker
COPY --from=build /out/fireline-worker.jar /app/fireline.jar
USER 10001:10001
EXPOSE 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "/app/fireline.jar"]

# ---------------------------------------------------------------------------
# api: REST API (Temporal client only) on 8080
# Last stage, so a plain `docker build .` produces the api image.
# ---------------------------------------------------------------------------
FROM runtime AS api
COPY --from=build /out/fireline-api.jar /app/fireline.jar
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-jar", "/app/fireline.jar"]
