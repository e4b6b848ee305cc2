package dev.lectern.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the signing keys come from and what a valid access token must say. */
@ConfigurationProperties("lectern.jwt")
record JwtProperties(URI jwksUri, String issuer, String audience, Duration clockSkew, Duration jwksCacheTtl,
        Duration jwksRefetchMinInterval, Duration jwksTimeout) {
}
