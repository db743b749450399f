package io.tickflow.venue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * Binance spot and USD-M futures combined streams: one SUBSCRIBE message per 100 streams on the
 * configured URL (for USD-M the routed /market or /public path). Binance pings; the client pongs.
 */
public final class BinanceProtocol implements ExchangeProtocol {

    private static final int STREAMS_PER_MESSAGE = 100;

    private final String exchange;
    private final String channel;
    private final List<String> symbols;
    private final String interval;

    public BinanceProtocol(String exchange, String channel, List<String> symbols, String interval) {
        if (!List.of("aggTrade", "kline", "bookTicker", "forceOrder").contains(channel)) {
            throw new IllegalArgumentException("Binance channel must be aggTrade, kline, bookTicker or forceOrder: " + channel);
        }
        if (symbols.isEmpty() && !channel.equals("forceOrder")) {
            throw new IllegalArgumentException("Binance " + channel + " needs at least one symbol");
        }
        this.exchange = exchange;
        this.channel = channel;
        this.symbols = symbols;
        this.interval = interval;
    }

    @Override
    public URI uri(String url) {
        return URI.create(url);
    }

    @Override
    public List<String> subscriptions() {
        List<String> streams = streams();
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < streams.size(); from += STREAMS_PER_MESSAGE) {
            List<String> chunk = streams.subList(from, Math.min(streams.size(), from + STREAMS_PER_MESSAGE));
            messages.add("{\"method\":\"SUBSCRIBE\",\"params\":[\"" + String.join("\",\"", chunk) + "\"],\"id\":"
                    + (messages.size() + 1) + "}");
        }
        return messages;
    }

    private List<String> streams() {
        if (symbols.isEmpty()) {
            return List.of("!forceOrder@arr");
        }
        String suffix = channel.equals("kline") ? "kline_" + interval : channel;
        return symbols.stream().map(s -> s.toLowerCase(Locale.ROOT) + "@" + suffix).toList();
    }

    @Override
    public String clientPing() {
        return null;
    }

    @Override
    public FrameNormalizer newNormalizer() {
        return new BinanceNormalizer(exchange);
    }
}
