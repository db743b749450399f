package io.tickflow.backfill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.instrument.InstrumentSpec;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.BitmexNormalizer;
import io.tickflow.venue.Frames;

/**
 * BitMEX GET /api/v1/trade?symbol&startTime&endTime&count&start&reverse=false: count at most 1000,
 * start the offset into the query's rows, oldest first. A row is the stream's trade table row
 * {timestamp, symbol, side (the taker's, Buy or Sell), size (contracts), price, trdMatchID,
 * homeNotional, foreignNotional, ...}. A window is an hour; an answer of count rows is followed by
 * the same query from the next offset.
 */
public final class BitmexTrades extends PagedTradeSource {

    private final BitmexNormalizer normalizer = new BitmexNormalizer();

    /** url: https://www.bitmex.com/api/v1/trade */
    public BitmexTrades(String url, int pageSize) {
        super("bitmex", url, Duration.ofHours(1), pageSize, 1);
    }

    @Override
    public URI uri(String rawSymbol, Instant from, Instant to, int answered, PastTrade last) {
        // endTime is inclusive: the window's last millisecond
        return URI.create(url + "?symbol=" + rawSymbol + "&startTime=" + from + "&endTime=" + to.minusMillis(1) + "&count="
                + pageSize + "&start=" + answered + "&reverse=false");
    }

    @Override
    public List<PastTrade> parse(String body, InstrumentSpec spec, Instant receivedTs) {
        List<PastTrade> trades = new ArrayList<>();
        for (JsonNode row : rows(body)) {
            try {
                String symbol = Frames.text(row, "symbol");
                if (!symbol.equals(spec.rawSymbol())) {
                    throw new BadFrame("symbol " + symbol + " was not asked for (" + spec.rawSymbol() + ")");
                }
                trades.add(new PastTrade(Frames.iso(row, "timestamp"), Frames.text(row, "trdMatchID"),
                        normalizer.trade(spec, row, receivedTs)));
            } catch (BadFrame e) {
                throw new IllegalArgumentException("the trade " + row.path("trdMatchID").asText() + ": " + e.getMessage());
            }
        }
        return trades;
    }
}
