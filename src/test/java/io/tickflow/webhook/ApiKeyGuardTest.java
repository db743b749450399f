package io.tickflow.webhook;

import io.tickflow.api.ApiException;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ApiKeyGuardTest {

    private final ApiKeyGuard guard = new ApiKeyGuard();

    private void check(Caller caller) {
        guard.check(caller.address(), caller.authorization());
    }

    @Test
    void withoutAKeyOnlyLoopbackCallersPass() {
        guard.setApiKey("");
        assertDoesNotThrow(() -> check(from("127.0.0.1", null)));
        assertDoesNotThrow(() -> check(from("::1", null)));
        assertEquals(403, assertThrows(ApiException.class, () -> check(from("192.168.1.5", null))).getStatus());
        assertEquals(403, assertThrows(ApiException.class, () -> check(from("203.0.113.7", "Bearer x"))).getStatus());
    }

    @Test
    void withAKeyEveryCallerNeedsIt() {
        guard.setApiKey("s3cret");
        assertDoesNotThrow(() -> check(from("203.0.113.7", "Bearer s3cret")));
        assertEquals(401, assertThrows(ApiException.class, () -> check(from("127.0.0.1", null))).getStatus());
        assertEquals(401, assertThrows(ApiException.class, () -> check(from("127.0.0.1", "Bearer s3cre"))).getStatus());
        assertEquals(401, assertThrows(ApiException.class, () -> check(from("127.0.0.1", "s3cret"))).getStatus());
    }

    /** A caller at {@code host} that sent this Authorization header. */
    private static Caller from(String host, String authorization) {
        return new Caller(SocketAddress.inetSocketAddress(40000, host), authorization);
    }

    private record Caller(SocketAddress address, String authorization) {
    }
}
