package dev.lectern.gateway.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/** A window counter shared by all gateway instances (Redis). */
interface SharedCounter {

    Mono<Decision> consume(String key, int limit, Duration window);
}
