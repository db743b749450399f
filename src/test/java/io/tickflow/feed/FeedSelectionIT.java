package io.tickflow.feed;

import java.util.HashMap;
import java.util.Map;

import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tickflow.feeds names feeds by their routes; a typo must stop the start, not silently run nothing. */
class FeedSelectionIT {

    private final SharedServers servers = SharedServers.get();
    private final Map<String, String> props = new HashMap<>(servers.isolatedProperties());

    @AfterEach
    void cleanUp() throws Exception {
        servers.dropIsolated(props);
    }

    @Test
    void anUnknownFeedNameFailsTheStartNamingIt() {
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", "binance-usdm-aggtrade,binance-usdm-liquidation");
        AssertionError failure = assertThrows(AssertionError.class, () -> RunningTickflow.start(props).close());
        Throwable cause = failure.getCause();
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "the start failed for another reason: " + failure.getCause());
        assertEquals("tickflow.feeds names binance-usdm-liquidation, but there is no route binance-usdm-liquidation-to-kafka in routes/",
                cause.getMessage());
    }
}
