package io.tickflow.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics Tickflow uses that do not exist yet, once at start and before any route
 * starts, then waits until each new partition has a leader: a consumer that subscribes to a topic
 * before it exists gets UNKNOWN_TOPIC_OR_PARTITION until something creates it, and Kafka's client
 * logs a warning for each answer. Idempotent, and for an external Kafka too. Where Kafka refuses
 * (no Create permission, a policy) or cannot be reached, one warning says so and the start goes
 * on: the consumers then wait for the topics, as before.
 */
public class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long TIMEOUT_MS = 15_000;

    private String brokers;
    private String topics;
    private int partitions;
    private boolean enabled = true;

    public void create() throws InterruptedException {
        if (!enabled) {
            return;
        }
        Set<String> wanted = new LinkedHashSet<>(Arrays.stream(topics.split(",")).map(String::trim)
                .filter(topic -> !topic.isEmpty()).toList());
        try (Admin admin = KafkaAdmins.create(brokers, TIMEOUT_MS)) {
            wanted.removeAll(admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
            if (wanted.isEmpty()) {
                return;
            }
            List<NewTopic> missing = wanted.stream().map(topic -> new NewTopic(topic, Optional.of(partitions), Optional.empty())).toList();
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            List<String> created = new ArrayList<>();
            Map<String, String> refused = new LinkedHashMap<>();
            for (String topic : wanted) {
                try {
                    results.get(topic).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    created.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        refused.put(topic, e.getCause().getMessage());
                    }
                }
            }
            if (!created.isEmpty()) {
                awaitLeaders(admin, created);
                LOG.info("Created Kafka topics {} ({} partitions each)", String.join(", ", created), partitions);
            }
            if (!refused.isEmpty()) {
                LOG.warn("Kafka did not create the topics {}: {}. Tickflow's consumers wait for them to exist; create them"
                        + " (or set tickflow.kafka.create-topics=false to stop trying)", String.join(", ", refused.keySet()),
                        String.join("; ", new LinkedHashSet<>(refused.values())));
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.warn("Could not check or create the Kafka topics at {}: {}. Tickflow's consumers wait for them to exist",
                    brokers, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    /** A new topic's partitions get their leaders shortly after the controller has created it. */
    private static void awaitLeaders(Admin admin, List<String> created) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(TIMEOUT_MS).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(created).allTopicNames()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not known to the broker we asked yet
            }
            Thread.sleep(50);
        }
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public void setTopics(String topics) {
        this.topics = topics;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
