package io.tickflow.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickflow.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gap repair (tickflow.backfill.gap-repair.enabled): a gap event of a candle feed (a lost
 * connection, on the status topic) becomes a backfill of the feed's symbols and interval over the
 * gap's window, from the start of the candle it began in to the end of the last candle already
 * closed (the open one is the live feed's). Gaps of other feeds (trades, quotes) have nothing to
 * backfill from and are passed over. The job is an ordinary one: its id is logged, GET shows it.
 */
public class GapRepair {

    private static final Logger LOG = LoggerFactory.getLogger(GapRepair.class);

    /** A candle feed: the exchange it reads, its symbols and its interval. */
    private record CandleFeed(String exchange, List<String> symbols, String interval) {
    }

    private final Map<String, CandleFeed> feeds = new LinkedHashMap<>();
    private BackfillRequests backfillRequests;
    private JobStore jobStore;
    private JobRunner jobRunner;
    private Clock clock = Clock.systemUTC();

    /** Starts the backfill of a gap event's window, if it is a candle feed's; returns the job's id. */
    public Optional<String> repair(String event) throws Exception {
        JsonNode gap = Json.tree(event);
        CandleFeed feed = gap == null || !"gap".equals(gap.path("type").asText()) ? null : feeds.get(gap.path("feed").asText());
        if (feed == null || feed.symbols().isEmpty()) {
            return Optional.empty();
        }
        Instant from;
        Instant to;
        try {
            from = Instant.parse(gap.path("from").asText());
            to = Instant.parse(gap.path("to").asText());
        } catch (DateTimeParseException e) {
            LOG.warn("Gap event without a readable window, not repaired: {}", event);
            return Optional.empty();
        }
        Duration length = Intervals.duration(feed.interval());
        Instant closed = BackfillRequests.align(clock.instant(), length, false);
        Instant end = BackfillRequests.align(to, length, true);
        Instant start = BackfillRequests.align(from, length, false);
        end = end.isAfter(closed) ? closed : end;
        if (!start.isBefore(end)) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exchange", feed.exchange());
        body.put("symbols", feed.symbols());
        body.put("interval", feed.interval());
        body.put("from", start.toString());
        body.put("to", end.toString());
        BackfillRequest request;
        try {
            request = backfillRequests.parse(Json.MAPPER.writeValueAsString(body));
        } catch (ApiException e) {
            LOG.warn("Gap of {} from {} to {} not repaired: {} ({})", gap.path("feed").asText(), start, end, e.getMessage(),
                    e.getParameter());
            return Optional.empty();
        }
        BackfillJob job = jobStore.create(request.exchange(), request.symbols(), request.interval(), request.from(), request.to());
        jobRunner.submit(job);
        LOG.info("Gap of {} from {} to {}: backfill {} of {} {}", gap.path("feed").asText(), start, end, job.id(),
                request.symbols(), request.interval());
        return Optional.of(job.id());
    }

    private void feed(String name, String exchange, String symbols, String interval) {
        feeds.put(name, new CandleFeed(exchange, Arrays.stream(symbols.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList(), interval.trim()));
    }

    /** binance-spot-kline's interval and symbols, "1m BTCUSDT,ETHUSDT" (tickflow.feed.binance.*). */
    public void setBinance(String symbolsAndInterval) {
        configure("binance-spot-kline", "binance", symbolsAndInterval);
    }

    public void setBinanceUsdm(String symbolsAndInterval) {
        configure("binance-usdm-kline", "binance-usdm", symbolsAndInterval);
    }

    public void setBitfinex(String symbolsAndInterval) {
        configure("bitfinex-candles", "bitfinex", symbolsAndInterval);
    }

    /** "interval symbol,symbol..." as the feed's properties give them. */
    private void configure(String feedName, String exchange, String intervalAndSymbols) {
        String[] parts = intervalAndSymbols.trim().split("\\s+", 2);
        feed(feedName, exchange, parts.length > 1 ? parts[1] : "", parts[0]);
    }

    public void setBackfillRequests(BackfillRequests backfillRequests) {
        this.backfillRequests = backfillRequests;
    }

    public void setJobStore(JobStore jobStore) {
        this.jobStore = jobStore;
    }

    public void setJobRunner(JobRunner jobRunner) {
        this.jobRunner = jobRunner;
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }
}
