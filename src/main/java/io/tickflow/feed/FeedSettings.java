package io.tickflow.feed;

import java.time.Duration;

/**
 * How one feed connects. watchdog: no data for this long means a dead connection, even if the
 * exchange acknowledged the subscription. maxConnection: reconnect before the exchange cuts
 * (Binance cuts every connection after 24 h).
 */
public record FeedSettings(String feed, String exchange, String url, Duration watchdog, Duration ping,
        Duration connectTimeout, Duration backoffInitial, Duration backoffMax, Duration subscribeInterval,
        Duration maxConnection) {

    public FeedSettings {
        if (feed == null || feed.isBlank() || exchange == null || url == null || url.isBlank()) {
            throw new IllegalArgumentException("a feed needs a name, an exchange and a url");
        }
    }
}
