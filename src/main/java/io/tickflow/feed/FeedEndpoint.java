package io.tickflow.feed;

import io.tickflow.venue.ExchangeProtocol;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One exchange feed; see {@link FeedComponent}. */
public class FeedEndpoint extends DefaultEndpoint {

    private final FeedSettings settings;
    private final ExchangeProtocol protocol;

    FeedEndpoint(String uri, FeedComponent component, FeedSettings settings, ExchangeProtocol protocol) {
        super(uri, component);
        this.settings = settings;
        this.protocol = protocol;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("wsfeed endpoints only consume");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        FeedConsumer consumer = new FeedConsumer(this, processor, settings, protocol);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}
