package io.tickflow.health;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tickflow.storage.KafkaAdmins;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.kafka.clients.admin.Admin;

/** Readiness: Kafka answers (the cluster's brokers are described) within {@value Checks#TIMEOUT_MS} ms. */
public class KafkaHealthCheck extends AbstractHealthCheck implements AutoCloseable {

    private String brokers;
    private Admin admin;

    public KafkaHealthCheck() {
        super(Checks.GROUP, "kafka");
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("bootstrap.servers", brokers);
        try {
            builder.detail("kafka.brokers", admin().describeCluster().nodes().get(Checks.TIMEOUT_MS, TimeUnit.MILLISECONDS).size());
            builder.up();
        } catch (Exception e) {
            Checks.down(builder, e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = KafkaAdmins.create(brokers, Checks.TIMEOUT_MS);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }
}
