package io.tickflow.backfill;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ProducerTemplate;

/**
 * Sends a page's events (their JSON texts) to a backfill route (backfill-candles-to-kafka,
 * backfill-trades-to-kafka) as one Kafka batch under one key, and returns once Kafka has them all;
 * one producer template for both, stopped with the bean.
 */
public class KafkaBatchSender implements CamelContextAware {

    private CamelContext camelContext;
    private ProducerTemplate template;

    void send(String endpoint, List<String> values, String key) {
        producer().sendBodyAndHeader(endpoint, values, "kafka.KEY", key);
    }

    private synchronized ProducerTemplate producer() {
        if (template == null) {
            template = camelContext.createProducerTemplate();
        }
        return template;
    }

    public synchronized void stop() throws Exception {
        if (template != null) {
            template.stop();
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
