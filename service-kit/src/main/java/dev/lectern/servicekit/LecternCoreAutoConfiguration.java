package dev.lectern.servicekit;

import dev.lectern.servicekit.security.JwtProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Any application type, the reactive gateway included: binds {@link JwtProperties}. */
@AutoConfiguration
@EnableConfigurationProperties(JwtProperties.class)
public class LecternCoreAutoConfiguration {
}
