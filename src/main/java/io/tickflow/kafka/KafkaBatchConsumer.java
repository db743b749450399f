package io.tickflow.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Runs {@code consumersCount} Kafka consumers of the endpoint's group, each on a thread of its own
 * ({@link BatchPollLoop}). Stopping lets each finish the batch in hand (up to {@code shutdownTimeout})
 * and leave the group.
 */
public class KafkaBatchConsumer extends DefaultConsumer {

    private final List<BatchPollLoop> loops = new ArrayList<>();
    private ExecutorService executor;

    KafkaBatchConsumer(KafkaBatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public KafkaBatchEndpoint getEndpoint() {
        return (KafkaBatchEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        KafkaBatchEndpoint endpoint = getEndpoint();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newFixedThreadPool(this,
                "kafka-batch[" + String.join(",", endpoint.getTopics()) + "]", endpoint.getConsumersCount());
        for (int i = 0; i < endpoint.getConsumersCount(); i++) {
            BatchPollLoop loop = new BatchPollLoop(this);
            loops.add(loop);
            executor.submit(loop);
        }
    }

    @Override
    protected void doStop() throws Exception {
        long timeout = getEndpoint().getShutdownTimeout();
        for (BatchPollLoop loop : loops) {
            loop.stop(timeout);
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, timeout);
            executor = null;
        }
        loops.clear();
        super.doStop();
    }
}
