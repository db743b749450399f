package io.tickflow.feed;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.instrument.InstrumentRegistry;
import io.tickflow.venue.ExchangeProtocol;
import io.tickflow.venue.Protocols;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code wsfeed:<feed name>?exchange=..&channel=..&url=..&symbols=..}: a consumer-only endpoint
 * holding one live WebSocket connection to an exchange, with the shared lifecycle of
 * {@link FeedConsumer}. Kamelets in connectors/ are the documented way to use it. Its normalizers
 * find instruments in the registry bean {@value #REGISTRY} where there is one.
 */
public class FeedComponent extends DefaultComponent {

    /** The name of the instrument registry's bean (routes/instruments.camel.yaml); without it, the built-in rules alone. */
    static final String REGISTRY = "instrumentRegistry";

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
        InstrumentRegistry registry = getCamelContext().getRegistry().lookupByNameAndType(REGISTRY, InstrumentRegistry.class);
        if (registry != null) {
            refuseUnknown(remaining, exchange, symbols, registry);
        }
        ExchangeProtocol protocol = Protocols.create(exchange, channel, symbols, interval,
                registry != null ? registry : InstrumentLookup.NONE);
        return new FeedEndpoint(uri, this, settings, protocol);
    }

    /**
     * A symbol the registry's list of the venue does not have cannot come on that feed: refused
     * at start rather than subscribed in silence. A venue the registry has not loaded is not checked.
     */
    private static void refuseUnknown(String feed, String exchange, List<String> symbols, InstrumentRegistry registry) {
        if (!registry.knowsVenue(exchange)) {
            return;
        }
        List<String> unknown = symbols.stream().filter(s -> registry.find(exchange, s).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("feed " + feed + ": " + exchange + " has no instrument " + String.join(", ", unknown)
                    + " (instrument registry)");
        }
    }

    /** The defaults are application.properties', passed on by the routes and Kamelets: none here. */
    private <T> T required(Map<String, Object> parameters, String name, Class<T> type) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("wsfeed needs the parameter " + name);
        }
        return getAndRemoveParameter(parameters, name, type);
    }
}
