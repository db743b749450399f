package io.tickflow.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.tickflow.testing.Await;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import io.tickflow.testing.WebhookTests;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events the webhook intake reads again (its Kafka offsets lost, as after a crash between the
 * queue's commit and Kafka's) are not queued twice, even when the re-read poll is cut elsewhere
 * than the first: a batch that starts at the same offset but holds more events loses none.
 */
class WebhookRereadIT {

    private static final SharedServers SERVERS = SharedServers.get();

    @Test
    void reReadEventsAreQueuedOnceForBatchedAndSingleSubscriptions() throws Exception {
        Map<String, String> props = WebhookTests.properties(SERVERS);
        String topic = props.get("tickflow.simulator.topic");
        try (WebhookReceiver batched = new WebhookReceiver(); WebhookReceiver single = new WebhookReceiver()) {
            try (RunningTickflow first = RunningTickflow.start(props)) {
                WebhooksClient api = new WebhooksClient(first, null);
                api.subscribeBatched(batched, "[\"tick\"]", "{\"name\":\"ticker_x\"}", 3);
                api.subscribe(single, "[\"tick\"]", "{\"name\":\"ticker_x\"}");
                WebhooksClient.produce(SERVERS.kafkaBootstrap(), topic, "ticker_x", ticks(1, 4));
                Await.until(ofSeconds(20), "ticks 1..4 delivered to both", () -> WebhookBatchIT.values(batched.accepted()).size() == 4
                        && single.accepted().size() == 4);
            }
            WebhooksClient.produce(SERVERS.kafkaBootstrap(), topic, "ticker_x", ticks(5, 6));
            forgetCommittedOffsets(props.get("tickflow.webhooks.group-id"));

            try (RunningTickflow second = RunningTickflow.start(props)) {
                Await.until(ofSeconds(30), "ticks 5 and 6 delivered to both", () -> WebhookBatchIT.values(batched.accepted()).contains(6L)
                        && single.accepted().stream().anyMatch(r -> r.json().at("/data/value").asLong() == 6));
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), WebhookBatchIT.values(batched.accepted()).stream().sorted().toList(),
                        "each tick once");
                assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), single.accepted().stream().map(r -> r.json().at("/data/value").asLong())
                        .sorted().toList());
                String messages = props.get("tickflow.webhooks.messages-table");
                assertEquals(6, count("SELECT count(*) FROM " + messages + " WHERE event_type = 'tick'"), "nothing queued twice");
                assertEquals(6, count("SELECT sum(event_count) FROM " + messages + " WHERE event_type = 'batch'"), "nor batched twice");
            }
        } finally {
            SERVERS.dropIsolated(props);
        }
    }

    private static String[] ticks(int from, int to) {
        List<String> ticks = new ArrayList<>();
        for (int value = from; value <= to; value++) {
            ticks.add(WebhookDeliveryIT.tick("ticker_x", value, Instant.now()));
        }
        return ticks.toArray(String[]::new);
    }

    /** Deletes the stopped group: the next start reads the topic from the beginning again. */
    private static void forgetCommittedOffsets(String groupId) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrap());
        try (Admin admin = Admin.create(p)) {
            // the stopped consumer may take a moment to leave the group
            Await.until(ofSeconds(30), "the webhook consumer group deleted", () -> {
                try {
                    admin.deleteConsumerGroups(List.of(groupId)).all().get();
                    return true;
                } catch (java.util.concurrent.ExecutionException e) {
                    return false;
                }
            });
        }
    }

    private static int count(String sql) throws Exception {
        try (var c = SERVERS.postgresConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
