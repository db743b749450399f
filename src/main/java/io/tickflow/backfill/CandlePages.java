package io.tickflow.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tickflow.instrument.InstrumentSpec;

/** Candle pages: as many intervals as one request of the exchange's candle source returns, published as candle events. */
final class CandlePages implements Pages {

    private final BackfillVenue venue;
    private final String interval;
    private final PageFetcher fetcher;
    private final CandlePublisher publisher;
    private final Clock clock;

    CandlePages(BackfillVenue venue, String interval, PageFetcher fetcher, CandlePublisher publisher, Clock clock) {
        this.venue = venue;
        this.interval = interval;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Duration span() {
        return Intervals.duration(interval).multipliedBy(venue.source().pageSize());
    }

    @Override
    public int fetchAndPublish(InstrumentSpec spec, Instant from, Instant to) throws PageFailure, InterruptedException {
        CandleSource source = venue.source();
        List<Bar> bars = fetcher.fetch(venue.limiter(), source.weight(), source.uri(spec.rawSymbol(), interval, from, to),
                body -> source.parse(body, interval));
        return publisher.publish(spec, interval, bars, from, to, clock.instant());
    }
}
