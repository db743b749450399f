package io.tickflow.health;

import java.util.Map;
import java.util.stream.Collectors;

import io.tickflow.instrument.InstrumentLoader;
import io.tickflow.instrument.InstrumentRefresh.Outcome;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness check {@code instruments}: always UP, since a failed download leaves the cached
 * registry (or the built-in rules) in use and the feeds keep working; a venue whose last download
 * failed is named in the message and in the details (instruments.&lt;venue&gt;), so the health
 * answer says the registry may be stale.
 */
public class InstrumentsHealthCheck extends AbstractHealthCheck {

    private InstrumentLoader loader;

    public InstrumentsHealthCheck() {
        super(Checks.GROUP, "instruments");
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        if (!loader.isEnabled() || loader.refresh() == null) {
            builder.message("instrument downloads disabled: the cache and the built-in rules are used");
            return;
        }
        Map<String, Outcome> status = loader.refresh().status();
        status.forEach((venue, outcome) -> builder.detail("instruments." + venue, outcome.message()));
        String failed = status.entrySet().stream().filter(e -> !e.getValue().ok())
                .map(e -> e.getKey() + ": " + e.getValue().message()).sorted().collect(Collectors.joining("; "));
        if (!failed.isEmpty()) {
            builder.message("last download failed, older instruments in use: " + failed);
        }
    }

    public void setLoader(InstrumentLoader loader) {
        this.loader = loader;
    }
}
