# syntax=docker/dockerfile:1.7
# One Dockerfile for the five services: docker compose builds it with SERVICE=<module>.
# Stage 1 builds the module with the Maven wrapper; stage 2 runs its layered jar as a non-root user.
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
COPY platform/pom.xml platform/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SERVICE}" && ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
 && java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}-exec.jar" extract --layers --launcher --destination /layers

FROM eclipse-temurin:${JAVA_VERSION}-jre AS runtime
RUN groupadd --system --gid 10001 lectern && useradd --system --uid 10001 --gid lectern --no-create-home lectern
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
