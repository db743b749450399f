package io.tickflow.backfill;

import java.time.Duration;
import java.time.Instant;

import io.tickflow.instrument.InstrumentSpec;

/** What a job fetches page by page, as its interval says: candles of that interval ({@link CandlePages}) or trades ({@link TradePages}). */
interface Pages {

    /** The span of one page. */
    Duration span();

    /** Fetches the page [from, to) of an instrument and publishes it, returning once Kafka has it; returns the events published. */
    int fetchAndPublish(InstrumentSpec spec, Instant from, Instant to) throws PageFailure, InterruptedException;
}
