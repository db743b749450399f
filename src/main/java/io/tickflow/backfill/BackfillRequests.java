package io.tickflow.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.api.ApiException;
import io.tickflow.instrument.InstrumentSpec;

/**
 * Checks the body of POST /api/backfills, {exchange, symbols (or symbol), interval, from, to}: each
 * problem is a 400 naming its field. Symbols may be normalized (BTC-USDT) or the exchange's
 * (BTCUSDT) and are stored normalized; times are ISO-8601 instants or dates (midnight UTC); the
 * range is widened to whole intervals (up to a day long; longer ones as given). The interval
 * "trades" asks for the exchange's trades instead of candles, the range widened to whole windows
 * of its trade source (an hour).
 */
public class BackfillRequests {

    private static final Set<String> FIELDS = Set.of("exchange", "symbols", "symbol", "interval", "from", "to");

    private BackfillVenues venues;
    private SymbolResolver symbolResolver;
    private Clock clock = Clock.systemUTC();
    private int maxSymbols = 20;
    private long maxCandles = 1_000_000;
    private long maxTradeHours = 168;

    public BackfillRequest parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw ApiException.badParameter("body", "The body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badParameter("body", "The body must be a JSON object {exchange, symbols, interval, from, to}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badParameter(name, "Unknown field '" + name + "'; the fields are exchange, symbols, interval, from, to");
            }
        }
        String exchange = text(root, "exchange");
        BackfillVenue venue = venues.find(exchange).orElseThrow(() -> ApiException.badParameter("exchange",
                "Unknown exchange '" + exchange + "'; backfills read " + String.join(", ", venues.all().keySet())));
        List<String> symbols = symbols(exchange, root);
        String interval = text(root, "interval");
        return interval.equals(TradeSource.TRADES) ? trades(venue, symbols, root) : candles(venue, symbols, interval, root);
    }

    /** Candles of an interval the exchange offers, the range widened to whole intervals. */
    private BackfillRequest candles(BackfillVenue venue, List<String> symbols, String interval, JsonNode root) {
        String exchange = venue.exchange();
        if (!venue.source().intervals().contains(interval)) {
            throw ApiException.badParameter("interval", exchange + " has no interval '" + interval + "'; it offers "
                    + String.join(", ", venue.source().intervals().stream().sorted(Comparator.comparing(Intervals::duration)).toList())
                    + (venue.trades().isPresent() ? ", " + TradeSource.TRADES : ""));
        }
        Duration length = Intervals.duration(interval);
        Instant from = align(time(root, "from"), length, false);
        Instant to = align(time(root, "to"), length, true);
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "from must be before to");
        }
        if (venue.source().mostRecent().isPresent()) {
            int recent = venue.source().mostRecent().getAsInt();
            Instant earliest = align(clock.instant(), length, false).minus(length.multipliedBy(recent - 1L));
            if (from.isBefore(earliest)) {
                throw ApiException.badParameter("from", exchange + " serves only its " + recent + " most recent " + interval
                        + " candles: from must be " + earliest + " or later");
            }
        }
        long candles = Duration.between(from, to).toMillis() / length.toMillis();
        if (candles > maxCandles) {
            throw ApiException.badParameter("to", "The range holds " + candles + " " + interval + " candles per symbol, more than "
                    + maxCandles + " (tickflow.backfill.max-candles); split it into several backfills");
        }
        return new BackfillRequest(exchange, symbols, interval, from, to);
    }

    /** Trades, where the exchange has a trade backfill, the range widened to whole windows (pages) of its trade source. */
    private BackfillRequest trades(BackfillVenue venue, List<String> symbols, JsonNode root) {
        TradeSource trades = venue.trades().orElseThrow(() -> ApiException.badParameter("interval", venue.exchange()
                + " has no trade backfill (exchanges with one: " + String.join(", ", venues.all().values().stream()
                        .filter(v -> v.trades().isPresent()).map(BackfillVenue::exchange).toList()) + "); its candle intervals are "
                + String.join(", ", venue.source().intervals().stream().sorted(Comparator.comparing(Intervals::duration)).toList())));
        Instant from = align(time(root, "from"), trades.window(), false);
        Instant to = align(time(root, "to"), trades.window(), true);
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(Duration.ofHours(maxTradeHours)) > 0) {
            throw ApiException.badParameter("to", "The range spans " + Duration.between(from, to).toHours() + " hours of trades per symbol,"
                    + " more than " + maxTradeHours + " (tickflow.backfill.max-trade-hours); split it into several backfills");
        }
        return new BackfillRequest(venue.exchange(), symbols, TradeSource.TRADES, from, to);
    }

    private List<String> symbols(String exchange, JsonNode root) {
        List<String> given = new ArrayList<>();
        String field = root.has("symbols") ? "symbols" : "symbol";
        JsonNode node = root.get(field);
        if (node != null && node.isTextual()) {
            given.add(node.asText());
        } else if (node != null && node.isArray()) {
            node.forEach(s -> given.add(s.isTextual() ? s.asText() : ""));
        }
        if (given.isEmpty()) {
            throw ApiException.badParameter("symbols", "symbols is required: a list of symbols (BTC-USDT or the exchange's BTCUSDT)");
        }
        if (given.size() > maxSymbols) {
            throw ApiException.badParameter(field, "At most " + maxSymbols + " symbols per backfill (tickflow.backfill.max-symbols)");
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String symbol : given) {
            if (symbol.isBlank() || symbol.length() > 40) {
                throw ApiException.badParameter(field, "A symbol is a non-empty text of at most 40 characters");
            }
            InstrumentSpec spec = symbolResolver.resolve(exchange, symbol).orElseThrow(() -> ApiException.badParameter(field,
                    "Unknown symbol '" + symbol + "' on " + exchange));
            normalized.add(spec.symbol());
        }
        return List.copyOf(normalized);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw ApiException.badParameter(field, field + " is required (text)");
        }
        if (node.asText().length() > 40) {
            throw ApiException.badParameter(field, field + " is at most 40 characters");
        }
        return node.asText();
    }

    private static Instant time(JsonNode root, String field) {
        String text = text(root, field);
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(field, field + " must be an ISO-8601 UTC time (2026-11-25T20:00:00Z) or date (2026-11-25)");
        }
    }

    /** The instant down (or up) to a whole interval since the epoch, for intervals of a day or less. */
    static Instant align(Instant t, Duration length, boolean up) {
        if (length.compareTo(Duration.ofDays(1)) > 0) {
            return t;
        }
        long ms = length.toMillis();
        long down = Math.floorDiv(t.toEpochMilli(), ms) * ms;
        return Instant.ofEpochMilli(up && down < t.toEpochMilli() ? down + ms : down);
    }

    public void setVenues(BackfillVenues venues) {
        this.venues = venues;
    }

    public void setSymbolResolver(SymbolResolver symbolResolver) {
        this.symbolResolver = symbolResolver;
    }

    public void setMaxSymbols(int maxSymbols) {
        this.maxSymbols = maxSymbols;
    }

    public void setMaxCandles(long maxCandles) {
        this.maxCandles = maxCandles;
    }

    public void setMaxTradeHours(long maxTradeHours) {
        this.maxTradeHours = maxTradeHours;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }
}
