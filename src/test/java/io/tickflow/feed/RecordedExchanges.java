package io.tickflow.feed;

import java.util.HashMap;
import java.util.Map;

/**
 * Replay servers for Binance spot, BitMEX, Bitfinex, Coinbase and Kraken, each serving its
 * recorded fixtures, and the Tickflow properties that run those feeds against them.
 */
final class RecordedExchanges implements AutoCloseable {

    /** The feeds these servers can serve, as named in tickflow.feeds. */
    static final String FEEDS = "binance-spot-aggtrade,binance-spot-kline,binance-spot-bookticker,bitmex-trade,bitmex-quote,"
            + "bitfinex-trades,coinbase-matches,coinbase-ticker,kraken-trade,kraken-ticker";

    private final Map<String, ReplayServer> servers = new HashMap<>();

    RecordedExchanges() throws Exception {
        servers.put("binance", ReplayServer.start(Map.of("@aggTrade", "binance_spot_aggTrade.jsonl",
                "@kline_1m", "binance_spot_kline.jsonl", "@bookTicker", "binance_spot_bookTicker.jsonl")));
        servers.put("bitmex", ReplayServer.start(Map.of("trade:", "bitmex_trade.jsonl", "quote:", "bitmex_quote.jsonl")));
        servers.put("bitfinex", ReplayServer.start(Map.of("\"trades\"", "bitfinex_trades.jsonl")));
        servers.put("coinbase", ReplayServer.start(Map.of("\"matches\"", "coinbase_matches.jsonl", "\"ticker\"", "coinbase_ticker.jsonl")));
        servers.put("kraken", ReplayServer.start(Map.of("\"name\":\"trade\"", "kraken_trade.jsonl", "\"name\":\"ticker\"", "kraken_ticker.jsonl")));
    }

    /** Runs all FEEDS, each against its exchange's replay server, and no simulator. */
    void configure(Map<String, String> props) {
        props.put("tickflow.simulator.enabled", "false");
        props.put("tickflow.feeds", FEEDS);
        servers.forEach((name, server) -> props.put("tickflow.feed." + name + ".url", server.url("/")));
    }

    ReplayServer server(String exchange) {
        return servers.get(exchange);
    }

    @Override
    public void close() throws Exception {
        for (ReplayServer server : servers.values()) {
            server.close();
        }
    }
}
