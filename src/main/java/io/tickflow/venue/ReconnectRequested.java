package io.tickflow.venue;

/** Thrown by a normalizer when the exchange tells clients to reconnect (Bitfinex info 20051). */
public final class ReconnectRequested extends RuntimeException {

    public ReconnectRequested(String reason) {
        super(reason, null, false, false);
    }
}
