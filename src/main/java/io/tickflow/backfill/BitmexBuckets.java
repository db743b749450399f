package io.tickflow.backfill;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * BitMEX GET /api/v1/trade/bucketed?binSize&symbol&startTime&endTime&count&reverse=false&partial=false:
 * binSize 1m, 5m, 1h or 1d, count at most 1000, objects {timestamp, open, high, low, close, volume,
 * homeNotional, ...}. A bucket's timestamp is the END of its interval (the 00:01 bucket holds the
 * trades of 00:00 to 00:01), so a page of bars starting in [from, to) asks for timestamps
 * from + interval .. to, and each bar starts one interval before its timestamp. Volume is
 * homeNotional, the base asset (volume is contracts); a bucket without trades (null prices) is no bar.
 */
public final class BitmexBuckets extends PagedCandleSource {

    private static final Set<String> INTERVALS = Set.of("1m", "5m", "1h", "1d");

    /** url: https://www.bitmex.com/api/v1/trade/bucketed */
    public BitmexBuckets(String url, int pageSize) {
        super("bitmex", INTERVALS, url, pageSize, 1);
    }

    @Override
    public URI uri(String rawSymbol, String interval, Instant from, Instant to) {
        Instant firstEnd = from.plus(Intervals.duration(interval));
        return URI.create(url + "?binSize=" + interval + "&symbol=" + rawSymbol + "&startTime=" + firstEnd + "&endTime=" + to
                + "&count=" + pageSize + "&reverse=false&partial=false");
    }

    @Override
    public List<Bar> parse(String body, String interval) {
        List<Bar> bars = new ArrayList<>();
        for (JsonNode b : Json.array(body)) {
            if (b.path("open").isNull() || b.path("close").isNull()) {
                continue;
            }
            Instant end;
            try {
                end = Instant.parse(b.path("timestamp").asText());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("timestamp is not ISO-8601: " + b.get("timestamp"));
            }
            JsonNode volume = b.hasNonNull("homeNotional") ? b.get("homeNotional") : b.get("volume");
            bars.add(new Bar(end.minus(Intervals.duration(interval)), Json.decimal(b.get("open")), Json.decimal(b.get("high")),
                    Json.decimal(b.get("low")), Json.decimal(b.get("close")), Json.decimal(volume)));
        }
        return bars;
    }
}
