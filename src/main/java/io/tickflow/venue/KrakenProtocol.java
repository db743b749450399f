package io.tickflow.venue;

import java.net.URI;
import java.util.List;


/** Kraken WebSocket v1: one subscribe naming the pairs (XBT/USD) and the channel; it closes idle connections, so ping. */
public final class KrakenProtocol implements ExchangeProtocol {

    private final String channel;
    private final List<String> pairs;

    public KrakenProtocol(String channel, List<String> pairs) {
        if (!List.of("trade", "ticker").contains(channel)) {
            throw new IllegalArgumentException("Kraken channel must be trade or ticker: " + channel);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("Kraken " + channel + " needs at least one pair");
        }
        this.channel = channel;
        this.pairs = pairs;
    }

    @Override
    public URI uri(String url) {
        return URI.create(url);
    }

    @Override
    public List<String> subscriptions() {
        return List.of("{\"event\":\"subscribe\",\"pair\":[\"" + String.join("\",\"", pairs)
                + "\"],\"subscription\":{\"name\":\"" + channel + "\"}}");
    }

    @Override
    public String clientPing() {
        return "{\"event\":\"ping\"}";
    }

    @Override
    public FrameNormalizer newNormalizer() {
        return new KrakenNormalizer();
    }
}
