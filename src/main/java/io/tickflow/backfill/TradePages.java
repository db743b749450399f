package io.tickflow.backfill;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tickflow.instrument.InstrumentSpec;

/**
 * Trade pages: windows of the exchange's trade source, each fetched whole, request after request
 * while an answer is full and has not passed the window's end. Each answer's trades within the
 * window are published as they come, so a window of any size needs no more memory than one answer
 * (a window failing halfway has published some trades, which its retry publishes again,
 * harmlessly). Bitfinex goes on from the previous answer's last millisecond, inclusive: the trades
 * of that millisecond already published are left out.
 */
final class TradePages implements Pages {

    private final TradeSource source;
    private final RateLimiter limiter;
    private final PageFetcher fetcher;
    private final TradePublisher publisher;
    private final Clock clock;

    TradePages(TradeSource source, RateLimiter limiter, PageFetcher fetcher, TradePublisher publisher, Clock clock) {
        this.source = source;
        this.limiter = limiter;
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Duration span() {
        return source.window();
    }

    @Override
    public int fetchAndPublish(InstrumentSpec spec, Instant from, Instant to) throws PageFailure, InterruptedException {
        int answered = 0;
        int published = 0;
        PastTrade last = null;
        Set<String> atLast = new HashSet<>();
        while (true) {
            URI uri = source.uri(spec.rawSymbol(), from, to, answered, last);
            List<PastTrade> answer = fetcher.fetch(limiter, source.weight(), uri, body -> source.parse(body, spec, clock.instant()));
            Instant lastTs = last == null ? null : last.ts();
            published += publisher.publish(answer.stream().filter(t -> !t.ts().isBefore(from) && t.ts().isBefore(to))
                    .filter(t -> !t.ts().equals(lastTs) || !atLast.contains(t.tradeId())).toList());
            if (answer.size() < source.pageSize() || !answer.get(answer.size() - 1).ts().isBefore(to)) {
                return published;
            }
            PastTrade newest = answer.get(answer.size() - 1);
            if (last != null && newest.tradeId().equals(last.tradeId())) {
                throw new PageFailure("the exchange answered trade " + newest.tradeId() + " again instead of the ones after it", 1);
            }
            answered += answer.size();
            if (!newest.ts().equals(lastTs)) {
                atLast.clear();
            }
            answer.stream().filter(t -> t.ts().equals(newest.ts())).forEach(t -> atLast.add(t.tradeId()));
            last = newest;
        }
    }
}
