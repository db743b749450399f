package io.tickflow.health;

import java.util.ArrayList;
import java.util.List;
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
 * answer says the registry may be stale; instruments.&lt;venue&gt;.skipped-rows counts the bad rows
 * its last good download left out, and the message names the venues that had some.
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
        status.forEach((venue, outcome) -> {
            builder.detail("instruments." + venue, outcome.message());
            builder.detail("instruments." + venue + ".skipped-rows", outcome.skippedRows());
        });
        String failed = status.entrySet().stream().filter(e -> !e.getValue().ok())
                .map(e -> e.getKey() + ": " + e.getValue().message()).sorted().collect(Collectors.joining("; "));
        String skipped = status.entrySet().stream().filter(e -> e.getValue().ok() && e.getValue().skippedRows() > 0)
                .map(e -> e.getKey() + " " + e.getValue().skippedRows()).sorted().collect(Collectors.joining(", "));
        List<String> notes = new ArrayList<>();
        if (!failed.isEmpty()) {
            notes.add("last download failed, older instruments in use: " + failed);
        }
        if (!skipped.isEmpty()) {
            notes.add("bad rows skipped in the last download: " + skipped);
        }
        if (!notes.isEmpty()) {
            builder.message(String.join("; ", notes));
        }
    }

    public void setLoader(InstrumentLoader loader) {
        this.loader = loader;
    }
}
