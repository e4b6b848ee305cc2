# syntax=docker/dockerfile:1.7
# One Dockerfile for the five services: docker compose builds it with SERVICE=<module>.
# Stage 1 builds the module with the Maven wrapper; stage 2 runs its layered jar as a non-root user.
# Maven refuses a reactor with a missing module, so the build stage copies every module of the root pom
# (platform's pom alone: no service needs its sources). DockerfileTest checks the list against pom.xml and
# runs this build stage without Docker.
ARG JAVA_VERSION=21

FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
ARG SERVICE
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY event-contracts/ event-contracts/
COPY service-kit/ service-kit/
COPY embedded-infra/ embedded-infra/
COPY testkit/ testkit/
COPY auth-service/ auth-service/
COPY gateway/ gateway/
COPY course-service/ course-service/
COPY media-service/ media-service/
COPY webhook-service/ webhook-service/
COPY mux-emulator/ mux-emulator/
COPY platform/pom.xml platform/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SERVICE}" && ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
 && java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}-exec.jar" extract --layers --launcher --destination layers

FROM eclipse-temurin:${JAVA_VERSION}-jre AS runtime
RUN groupadd --system --gid 10001 lectern && useradd --system --uid 10001 --gid lectern --no-create-home lectern
WORKDIR /app
COPY --from=build /src/layers/dependencies/ ./
COPY --from=build /src/layers/spring-boot-loader/ ./
COPY --from=build /src/layers/snapshot-dependencies/ ./
COPY --from=build /src/layers/application/ ./
COPY --chmod=0555 deploy/docker/lectern-healthcheck /usr/local/bin/lectern-healthcheck
USER 10001:10001
# 8080 the API (each service's *_PORT is set to it), 9090 actuator: probes and /actuator/prometheus.
ENV MANAGEMENT_PORT=9090
EXPOSE 8080 9090
# Sized for a 1 GiB memory limit (compose's mem_limit, the chart's default limit), worst case:
# heap 50% = 512 MiB + metaspace 192 + code cache 96 + direct buffers 96 + ~128 thread stacks x 512 KiB = 64
# + ~64 for GC, JIT and malloc = 1024 MiB. A larger limit grows the heap only.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=96m -Xss512k -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=12 CMD ["lectern-healthcheck"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
