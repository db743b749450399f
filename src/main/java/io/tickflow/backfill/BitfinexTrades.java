package io.tickflow.backfill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.event.EventRecord;
import io.tickflow.instrument.InstrumentSpec;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.BitfinexNormalizer;

/**
 * Bitfinex GET /v2/trades/{symbol}/hist?start&end&limit&sort=1: start and end in epoch ms, both
 * inclusive, limit at most 10000, sort=1 oldest first; a trade is the trades channel's
 * [ID, MTS, AMOUNT, PRICE], AMOUNT negative for a sale by the taker. A window is an hour; an
 * answer of limit trades is followed by the trades from its last trade's time on (inclusive: the
 * trades of that millisecond it already had come again and are skipped by id).
 */
public final class BitfinexTrades extends PagedTradeSource {

    private final BitfinexNormalizer normalizer = new BitfinexNormalizer();

    /** url: https://api-pub.bitfinex.com/v2/trades */
    public BitfinexTrades(String url, int pageSize) {
        super("bitfinex", url, Duration.ofHours(1), pageSize, 1);
    }

    @Override
    public URI uri(String rawSymbol, Instant from, Instant to, int answered, PastTrade last) {
        Instant start = last == null ? from : last.ts();
        return URI.create(url + "/" + rawSymbol + "/hist?start=" + start.toEpochMilli() + "&end=" + (to.toEpochMilli() - 1)
                + "&limit=" + pageSize + "&sort=1");
    }

    @Override
    public List<PastTrade> parse(String body, InstrumentSpec spec, Instant receivedTs) {
        List<PastTrade> trades = new ArrayList<>();
        for (JsonNode row : rows(body)) {
            try {
                EventRecord event = normalizer.trade(spec, row, receivedTs);
                // the normalizer has checked the row's shape and time
                trades.add(new PastTrade(Instant.ofEpochMilli(row.get(1).asLong()), row.get(0).asText(), event));
            } catch (BadFrame e) {
                throw new IllegalArgumentException("the trade " + row.path(0) + ": " + e.getMessage());
            }
        }
        return trades;
    }
}
