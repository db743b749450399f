package io.tickflow.feed;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tickflow.venue.ExchangeProtocol;
import io.tickflow.venue.Protocols;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code wsfeed:<feed name>?exchange=..&channel=..&url=..&symbols=..}: a consumer-only endpoint
 * holding one live WebSocket connection to an exchange, with the shared lifecycle of
 * {@link FeedConsumer}. Kamelets in connectors/ are the documented way to use it.
 */
public class FeedComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String exchange = required(parameters, "exchange", String.class);
        String channel = required(parameters, "channel", String.class);
        String url = required(parameters, "url", String.class);
        List<String> symbols = Arrays.stream(required(parameters, "symbols", String.class).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        // only candle channels have one
        String interval = getAndRemoveParameter(parameters, "interval", String.class);
        FeedSettings settings = new FeedSettings(remaining, exchange, url,
                Duration.ofSeconds(required(parameters, "watchdogSeconds", Long.class)),
                Duration.ofSeconds(required(parameters, "pingSeconds", Long.class)),
                Duration.ofSeconds(required(parameters, "connectTimeoutSeconds", Long.class)),
                Duration.ofMillis(required(parameters, "backoffInitialMs", Long.class)),
                Duration.ofMillis(required(parameters, "backoffMaxMs", Long.class)),
                Duration.ofMillis(required(parameters, "subscribeIntervalMs", Long.class)),
                Duration.ofMinutes(required(parameters, "maxConnectionMinutes", Long.class)));
        ExchangeProtocol protocol = Protocols.create(exchange, channel, symbols, interval);
        return new FeedEndpoint(uri, this, settings, protocol);
    }

    /** The defaults are application.properties', passed on by the routes and Kamelets: none here. */
    private <T> T required(Map<String, Object> parameters, String name, Class<T> type) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("wsfeed needs the parameter " + name);
        }
        return getAndRemoveParameter(parameters, name, type);
    }
}
