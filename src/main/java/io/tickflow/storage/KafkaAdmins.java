package io.tickflow.storage;

import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Kafka admin clients for checks that must answer in bounded time (health, lag), not wait for the default minute. */
public final class KafkaAdmins {

    private KafkaAdmins() {
    }

    public static Admin create(String brokers, long timeoutMs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        return Admin.create(props);
    }
}
