package dev.lectern.media.mux;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MuxProperties.class)
class MuxConfiguration {

    @Bean
    MuxClient muxClient(MuxProperties properties, RestClient.Builder rest) {
        return new MuxClient(properties, rest);
    }
}
