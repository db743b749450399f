package io.tickflow.testing;

import java.util.HashMap;
import java.util.Map;

/** Properties for webhook tests: the test's own servers' names, with what webhook tests share. */
public final class WebhookTests {

    private WebhookTests() {
    }

    /** Isolated properties with both simulators off and private webhook targets allowed (the receivers are local). */
    public static Map<String, String> properties(SharedServers servers) {
        Map<String, String> p = new HashMap<>(servers.isolatedProperties());
        p.put("tickflow.simulator.enabled", "false");
        p.put("tickflow.market-simulator.enabled", "false");
        p.put("tickflow.webhooks.allow-private-targets", "true");
        p.put("tickflow.webhooks.retry-jitter", "0");
        p.put("tickflow.webhooks.poll-interval-ms", "50");
        return p;
    }
}
