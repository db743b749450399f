package io.tickflow.webhook;

import io.tickflow.api.ApiException;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiKeyGuardTest {

    private final ApiKeyGuard guard = new ApiKeyGuard();

    @Test
    void withoutAKeyOnlyLoopbackCallersPass() {
        guard.setApiKey("");
        assertDoesNotThrow(() -> guard.check(from("127.0.0.1", null)));
        assertDoesNotThrow(() -> guard.check(from("::1", null)));
        assertEquals(403, assertThrows(ApiException.class, () -> guard.check(from("192.168.1.5", null))).getStatus());
        assertEquals(403, assertThrows(ApiException.class, () -> guard.check(from("203.0.113.7", "Bearer x"))).getStatus());
    }

    @Test
    void withAKeyEveryCallerNeedsIt() {
        guard.setApiKey("s3cret");
        assertDoesNotThrow(() -> guard.check(from("203.0.113.7", "Bearer s3cret")));
        assertEquals(401, assertThrows(ApiException.class, () -> guard.check(from("127.0.0.1", null))).getStatus());
        assertEquals(401, assertThrows(ApiException.class, () -> guard.check(from("127.0.0.1", "Bearer s3cre"))).getStatus());
        assertEquals(401, assertThrows(ApiException.class, () -> guard.check(from("127.0.0.1", "s3cret"))).getStatus());
    }

    private static Exchange from(String host, String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS, SocketAddress.inetSocketAddress(40000, host));
        exchange.getMessage().setHeader("Authorization", authorization);
        return exchange;
    }
}
