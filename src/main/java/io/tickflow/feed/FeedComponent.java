package io.tickflow.feed;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tickflow.instrument.InstrumentLookup;
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
        String exchange = getAndRemoveParameter(parameters, "exchange", String.class);
        String channel = getAndRemoveParameter(parameters, "channel", String.class);
        String url = getAndRemoveParameter(parameters, "url", String.class);
        List<String> symbols = Arrays.stream(getAndRemoveParameter(parameters, "symbols", String.class, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        String interval = getAndRemoveParameter(parameters, "interval", String.class, "1m");
        FeedSettings settings = new FeedSettings(remaining, exchange, url,
                seconds(parameters, "watchdogSeconds", 60), seconds(parameters, "pingSeconds", 30),
                seconds(parameters, "connectTimeoutSeconds", 10),
                Duration.ofMillis(getAndRemoveParameter(parameters, "backoffInitialMs", Long.class, 500L)),
                Duration.ofMillis(getAndRemoveParameter(parameters, "backoffMaxMs", Long.class, 60_000L)),
                Duration.ofMillis(getAndRemoveParameter(parameters, "subscribeIntervalMs", Long.class, 250L)),
                Duration.ofMinutes(getAndRemoveParameter(parameters, "maxConnectionMinutes", Long.class, 23 * 60L)));
        ExchangeProtocol protocol = Protocols.create(exchange, channel, symbols, interval, InstrumentLookup.NONE);
        return new FeedEndpoint(uri, this, settings, protocol);
    }

    private Duration seconds(Map<String, Object> parameters, String name, long defaultSeconds) {
        return Duration.ofSeconds(getAndRemoveParameter(parameters, name, Long.class, defaultSeconds));
    }
}
