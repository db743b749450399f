package io.tickflow.feed;

import java.util.Map;
import java.util.function.Supplier;

import io.tickflow.health.Checks;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one feed, {@code feed:<name>}: UP while it is connected to its exchange, DOWN while
 * it connects, reconnects or is stopped. Registered by its consumer while the consumer runs. Not a
 * liveness check: the feed reconnects by itself, and restarting Tickflow would not bring an
 * exchange back.
 */
final class FeedHealthCheck extends AbstractHealthCheck {

    private final Supplier<FeedStatus> status;

    FeedHealthCheck(String feed, Supplier<FeedStatus> status) {
        super(Checks.GROUP, "feed:" + feed);
        this.status = status;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        FeedStatus now = status.get();
        builder.detail("feed.state", now.state().name());
        builder.detail("feed.reconnects", now.reconnects());
        if (now.lastDataAt() != null) {
            builder.detail("feed.last.data", now.lastDataAt().toString());
        }
        if (now.state() == FeedStatus.State.CONNECTED) {
            builder.up();
        } else {
            builder.down();
            builder.message(now.state().name().toLowerCase() + ", " + now.reconnects() + " reconnects, last data "
                    + (now.lastDataAt() != null ? "at " + now.lastDataAt() : "never"));
        }
    }
}
