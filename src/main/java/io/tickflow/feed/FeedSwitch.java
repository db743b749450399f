package io.tickflow.feed;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesFunction;

/**
 * The placeholder {@code {{feed:<name>}}}: "true" when tickflow.feeds (comma separated) names the
 * feed, else "false". Feed routes use it as their precondition, so the feeds that run (and connect) are one
 * property; a name in tickflow.feeds that matches no feed route fails the start.
 * {@code {{feed:none}}} is "true" when tickflow.feeds names no feed: the market simulator's default,
 * so simulated data never mixes with an exchange's unless asked for.
 */
public final class FeedSwitch extends MainListenerSupport implements PropertiesFunction {

    static final String FEEDS = "tickflow.feeds";
    static final String NONE = "none";

    private PropertiesComponent properties;

    @Override
    public String getName() {
        return "feed";
    }

    @Override
    public String apply(String feed) {
        Set<String> chosen = chosen();
        return String.valueOf(NONE.equals(feed.trim()) ? chosen.isEmpty() : chosen.contains(feed.trim()));
    }

    private Set<String> chosen() {
        String list = properties.resolveProperty(FEEDS).orElse("");
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        register(main.getCamelContext());
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        checkFeedRoutes(main.getCamelContext());
    }

    /** Makes {@code {{feed:<name>}}} available; before any route file is read. */
    public void register(CamelContext context) {
        properties = context.getPropertiesComponent();
        properties.addPropertiesFunction(this);
    }

    /** Fails when tickflow.feeds names a feed that has no route; once the route files are read. */
    public void checkFeedRoutes(CamelContext context) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        for (String feed : chosen()) {
            if (context.getRoute(feed + "-to-kafka") == null && model.getRouteDefinition(feed + "-to-kafka") == null) {
                throw new IllegalArgumentException(FEEDS + " names " + feed + ", but there is no route " + feed
                        + "-to-kafka in routes/");
            }
        }
    }
}
