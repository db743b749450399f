package io.tickflow.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Properties giving a test its own webhook tables and consumer group, and their clean-up. */
public final class WebhookTables {

    private WebhookTables() {
    }

    /** Isolated properties with both simulators off and private webhook targets allowed (the receivers are local). */
    public static Map<String, String> properties(SharedServers servers) {
        Map<String, String> p = new HashMap<>(servers.isolatedProperties());
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        p.put("tickflow.simulator.enabled", "false");
        p.put("tickflow.market-simulator.enabled", "false");
        p.put("tickflow.webhooks.allow-private-targets", "true");
        p.put("tickflow.webhooks.retry-jitter", "0");
        p.put("tickflow.webhooks.poll-interval-ms", "50");
        p.put("tickflow.webhooks.group-id", "webhooks-" + id);
        p.put("tickflow.webhooks.subscriptions-table", "webhook_subscriptions_" + id);
        p.put("tickflow.webhooks.messages-table", "webhook_messages_" + id);
        p.put("tickflow.webhooks.attempts-table", "webhook_attempts_" + id);
        return p;
    }

    public static void drop(SharedServers servers, Map<String, String> p) throws Exception {
        servers.dropIsolated(p);
        servers.dropAll(List.of(), List.of(), List.of(p.get("tickflow.webhooks.attempts-table"),
                p.get("tickflow.webhooks.messages-table"), p.get("tickflow.webhooks.subscriptions-table")));
    }
}
