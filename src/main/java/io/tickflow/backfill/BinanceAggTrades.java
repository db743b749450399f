package io.tickflow.backfill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.instrument.InstrumentSpec;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.BinanceNormalizer;
import io.tickflow.venue.Frames;

/**
 * Binance aggregate trades: spot GET /api/v3/aggTrades and USD-M GET /fapi/v1/aggTrades,
 * ?symbol&startTime&endTime&limit (epoch ms, both inclusive, less than an hour apart; limit at
 * most 1000), or ?symbol&fromId&limit for the trades from an id on. A row is the stream's aggTrade
 * without e and s: {a (aggregate trade id), p, q (strings), f, l, T (epoch ms), m (the buyer was
 * the maker: the taker sold), M}, oldest first. A window is an hour; an answer of limit rows is
 * followed by the trades from its last id + 1 (by id alone: Binance's time filters are for a
 * window's start), whose rows past the window are the next window's.
 */
public final class BinanceAggTrades extends PagedTradeSource {

    private final BinanceNormalizer normalizer;

    /** url: the aggTrades endpoint, https://api.binance.com/api/v3/aggTrades or https://fapi.binance.com/fapi/v1/aggTrades. */
    public BinanceAggTrades(String exchange, String url, int pageSize, int weight) {
        super(exchange, url, Duration.ofHours(1), pageSize, weight);
        this.normalizer = new BinanceNormalizer(exchange);
    }

    @Override
    public URI uri(String rawSymbol, Instant from, Instant to, int answered, PastTrade last) {
        if (last == null) {
            return URI.create(url + "?symbol=" + rawSymbol + "&startTime=" + from.toEpochMilli() + "&endTime="
                    + (to.toEpochMilli() - 1) + "&limit=" + pageSize);
        }
        return URI.create(url + "?symbol=" + rawSymbol + "&fromId=" + (Long.parseLong(last.tradeId()) + 1) + "&limit=" + pageSize);
    }

    @Override
    public List<PastTrade> parse(String body, InstrumentSpec spec, Instant receivedTs) {
        List<PastTrade> trades = new ArrayList<>();
        for (JsonNode row : rows(body)) {
            try {
                JsonNode id = row.get("a");
                if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
                    throw new BadFrame("a is not an aggregate trade id: " + id);
                }
                trades.add(new PastTrade(Frames.epochMillis(row, "T"), id.asText(), normalizer.aggTrade(spec, row, receivedTs)));
            } catch (BadFrame e) {
                throw new IllegalArgumentException("the trade " + row.path("a") + ": " + e.getMessage());
            }
        }
        return trades;
    }
}
