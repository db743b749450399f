package io.tickflow.backfill;

import java.time.Instant;

import io.tickflow.event.EventRecord;

/** A trade of an exchange's history: its time and id, for paging, and its trade event. */
public record PastTrade(Instant ts, String tradeId, EventRecord event) {
}
