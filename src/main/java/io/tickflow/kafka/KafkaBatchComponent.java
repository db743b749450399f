package io.tickflow.kafka;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code kafka-batch:<topics>?brokers=..&groupId=..}: a consumer-only Kafka endpoint that hands
 * the route one Exchange per polled batch, its body the batch's records as Kafka returned them
 * (keys and values as bytes), and commits the batch's offsets once the route has processed it.
 * camel-kafka's batching makes an Exchange with about ten headers per record, a sixth of a sink's
 * CPU; neither the sinks nor the webhook intake need them. See {@link KafkaBatchConsumer}.
 */
public class KafkaBatchComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KafkaBatchEndpoint endpoint = new KafkaBatchEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
