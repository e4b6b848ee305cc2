package dev.lectern.gateway.request;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client address for rate limiting: the socket peer, unless the peer is a trusted proxy; then
 * {@code X-Forwarded-For} is walked from the right and the first address that is not a trusted proxy wins.
 */
@Component
public class ClientIpResolver {

    private final List<Cidr> trustedProxies;

    public ClientIpResolver(@Value("${lectern.request.trusted-proxies:}") String trustedProxies) {
        this.trustedProxies = Arrays.stream(trustedProxies.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Cidr::parse)
                .toList();
    }

    public String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "unknown";
        }
        InetAddress current = remote.getAddress();
        if (!isTrusted(current)) {
            return current.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getValuesAsList("X-Forwarded-For")) {
            hops.addAll(Arrays.asList(header.split(",")));
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = Cidr.literal(hops.get(i));
            if (hop == null) {
                // garbage in the chain: the last address we could trust to have been seen is the best we have
                break;
            }
            current = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return current.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
