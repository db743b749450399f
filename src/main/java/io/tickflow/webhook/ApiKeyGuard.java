package io.tickflow.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.tickflow.api.ApiException;
import io.tickflow.http.HttpRequests;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Lets a request through when it carries the header `Authorization: Bearer <tickflow.api-key>`
 * (never a query parameter of that name: proxies and access logs keep URLs); with no key
 * configured, only callers on the loopback interface may manage webhooks.
 */
public class ApiKeyGuard {

    private String apiKey = "";

    public void check(Exchange exchange) {
        try {
            check(exchange.getMessage().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS),
                    HttpRequests.header(exchange, "Authorization"));
        } catch (ApiException e) {
            if (e.getStatus() == 401) {
                exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
            }
            throw e;
        }
    }

    /** Checks a caller by its address and the Authorization header it sent (null when none). */
    void check(Object remoteAddress, String header) {
        if (apiKey == null || apiKey.isBlank()) {
            if (!fromLoopback(remoteAddress)) {
                throw new ApiException(403, "forbidden", null,
                        "No API key is configured (tickflow.api-key), so only loopback callers may use this API");
            }
            return;
        }
        String expected = "Bearer " + apiKey.trim();
        if (header == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                header.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "unauthorized", null, "This API needs the header 'Authorization: Bearer <API key>'");
        }
    }

    static boolean fromLoopback(Object remoteAddress) {
        if (remoteAddress == null) {
            return false;
        }
        String host = remoteAddress instanceof io.vertx.core.net.SocketAddress socket ? socket.hostAddress()
                : remoteAddress.toString();
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }
}
