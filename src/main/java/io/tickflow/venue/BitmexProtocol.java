package io.tickflow.venue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;


/** BitMEX realtime API: {"op":"subscribe","args":["trade:XBTUSDT",...]}, text ping/pong keep-alive. */
public final class BitmexProtocol implements ExchangeProtocol {

    /** BitMEX allows 20 topics per subscribe request in practice; keep messages small. */
    private static final int TOPICS_PER_MESSAGE = 20;

    private final String channel;
    private final List<String> symbols;

    public BitmexProtocol(String channel, List<String> symbols) {
        if (!List.of("trade", "quote").contains(channel)) {
            throw new IllegalArgumentException("BitMEX channel must be trade or quote: " + channel);
        }
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("BitMEX " + channel + " needs at least one symbol");
        }
        this.channel = channel;
        this.symbols = symbols;
    }

    @Override
    public URI uri(String url) {
        return URI.create(url);
    }

    @Override
    public List<String> subscriptions() {
        List<String> topics = symbols.stream().map(s -> channel + ":" + s).toList();
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < topics.size(); from += TOPICS_PER_MESSAGE) {
            List<String> chunk = topics.subList(from, Math.min(topics.size(), from + TOPICS_PER_MESSAGE));
            messages.add("{\"op\":\"subscribe\",\"args\":[\"" + String.join("\",\"", chunk) + "\"]}");
        }
        return messages;
    }

    @Override
    public String clientPing() {
        return "ping";
    }

    @Override
    public FrameNormalizer newNormalizer() {
        return new BitmexNormalizer();
    }
}
