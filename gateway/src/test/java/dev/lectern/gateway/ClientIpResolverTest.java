package dev.lectern.gateway;

import java.net.InetSocketAddress;

import dev.lectern.gateway.request.ClientIpResolver;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpResolverTest {

    private final ClientIpResolver resolver = new ClientIpResolver("10.0.0.0/8, 192.168.1.7, 2001:db8::/32");

    @Test
    void untrustedPeerIsTheClientWhateverItForwards() {
        assertThat(resolve("203.0.113.9", "1.1.1.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void trustedPeerWithoutForwardedForIsTheClient() {
        assertThat(resolve("10.1.2.3", null)).isEqualTo("10.1.2.3");
    }

    @Test
    void forwardedForIsWalkedFromTheRightToTheFirstUntrustedAddress() {
        assertThat(resolve("10.1.2.3", "6.6.6.6, 198.51.100.4, 192.168.1.7, 10.9.9.9")).isEqualTo("198.51.100.4");
    }

    @Test
    void multipleForwardedForHeadersCountAsOneList() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 4000))
                .header("X-Forwarded-For", "6.6.6.6, 198.51.100.4")
                .header("X-Forwarded-For", "10.2.2.2")
                .build();

        assertThat(resolver.resolve(request)).isEqualTo("198.51.100.4");
    }

    @Test
    void garbageInTheChainStopsAtTheLastTrustedHop() {
        assertThat(resolve("10.1.2.3", "198.51.100.4, evil.example.com, 10.5.5.5")).isEqualTo("10.5.5.5");
        assertThat(resolve("10.1.2.3", "unknown")).isEqualTo("10.1.2.3");
    }

    @Test
    void chainOfOnlyTrustedProxiesEndsAtTheLeftmost() {
        assertThat(resolve("10.1.2.3", "10.3.3.3, 10.4.4.4")).isEqualTo("10.3.3.3");
    }

    @Test
    void ipv6ProxiesAndClientsAreMatched() {
        assertThat(resolve("2001:db8::1", "2001:db9::5, 2001:db8:1::2")).isEqualTo("2001:db9:0:0:0:0:0:5");
        assertThat(resolve("2001:db9::1", "198.51.100.4")).isEqualTo("2001:db9:0:0:0:0:0:1");
    }

    @Test
    void noTrustedProxiesMeansForwardedForIsNeverRead() {
        ClientIpResolver none = new ClientIpResolver("");
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 4000))
                .header("X-Forwarded-For", "198.51.100.4")
                .build();

        assertThat(none.resolve(request)).isEqualTo("10.1.2.3");
    }

    private String resolve(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress(peer, 4000));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return resolver.resolve(builder.build());
    }
}
