package io.tickflow.venue;

import java.net.URI;
import java.util.List;


/** Coinbase Exchange feed: one subscribe message naming the products and the channel (matches or ticker). */
public final class CoinbaseProtocol implements ExchangeProtocol {

    private final String channel;
    private final List<String> products;

    public CoinbaseProtocol(String channel, List<String> products) {
        if (!List.of("matches", "ticker").contains(channel)) {
            throw new IllegalArgumentException("Coinbase channel must be matches or ticker: " + channel);
        }
        if (products.isEmpty()) {
            throw new IllegalArgumentException("Coinbase " + channel + " needs at least one product");
        }
        this.channel = channel;
        this.products = products;
    }

    @Override
    public URI uri(String url) {
        return URI.create(url);
    }

    @Override
    public List<String> subscriptions() {
        return List.of("{\"type\":\"subscribe\",\"product_ids\":[\"" + String.join("\",\"", products)
                + "\"],\"channels\":[\"" + channel + "\"]}");
    }

    @Override
    public String clientPing() {
        return null;
    }

    @Override
    public FrameNormalizer newNormalizer() {
        return new CoinbaseNormalizer();
    }
}
