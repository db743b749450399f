package io.tickflow.backfill;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/** The exchanges a backfill can read: every {@link BackfillVenue} bean (routes/backfill.camel.yaml), by exchange. */
public class BackfillVenues implements CamelContextAware {

    private CamelContext camelContext;
    private Map<String, BackfillVenue> venues;

    public synchronized Optional<BackfillVenue> find(String exchange) {
        return Optional.ofNullable(all().get(exchange));
    }

    public synchronized Map<String, BackfillVenue> all() {
        if (venues == null) {
            Map<String, BackfillVenue> found = new TreeMap<>();
            camelContext.getRegistry().findByType(BackfillVenue.class).forEach(v -> found.put(v.exchange(), v));
            venues = found;
        }
        return venues;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
