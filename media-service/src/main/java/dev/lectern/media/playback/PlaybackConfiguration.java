package dev.lectern.media.playback;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlaybackProperties.class)
class PlaybackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlaybackConfiguration.class);

    /** Absent when no signing key is configured: signed playback then answers 503. A malformed key fails startup. */
    @Bean
    PlaybackTokens playbackTokens(PlaybackProperties properties, ObjectProvider<Clock> clock) {
        if (!properties.signingConfigured()) {
            log.warn("MUX_SIGNING_KEY_ID / MUX_SIGNING_KEY_PRIVATE are not set; signed playback will answer 503");
            return null;
        }
        return new PlaybackTokens(MuxSigningKey.parse(properties.signingKeyId(), properties.signingKeyPrivate()),
                properties.tokenTtl(), clock.getIfAvailable(Clock::systemUTC));
    }
}
