package io.tickflow.instrument;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the registry: first from the disk cache (instant, no network), then from each venue's
 * endpoint. A venue whose endpoint answers garbage, an error or nothing within the timeout keeps
 * what it had (the cache, or nothing), and the failure is logged and kept in {@link #status()} for
 * the health check. An answer with some bad rows is used without them (logged, their count in the
 * status); a skipped row's instrument keeps its earlier entry, if it had one. A good answer
 * replaces the venue's list in memory, on disk and, once {@link #saveTo} has named it (after the
 * schema is created), in the table.
 */
public final class InstrumentRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentRefresh.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Bad rows logged one by one per download; a venue answering thousands of them must not flood the log. */
    private static final int LOGGED_ROWS = 20;

    /**
     * The last outcome of a venue's download: ok, or why not, how many instruments are in use and
     * how many rows of the answer were bad and skipped.
     */
    public record Outcome(boolean ok, String message, int instruments, int skippedRows, Instant at) {
    }

    private final InstrumentRegistry registry;
    private final InstrumentCache cache;
    private volatile InstrumentTable table;
    private final List<InstrumentSource> sources;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Outcome> status = new ConcurrentHashMap<>();

    public InstrumentRefresh(InstrumentRegistry registry, InstrumentCache cache, List<InstrumentSource> sources, Duration timeout) {
        this.registry = registry;
        this.cache = cache;
        this.sources = sources;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Each venue's cached list into the registry; a damaged cache is logged and skipped. */
    public void loadCache() {
        for (InstrumentSource source : sources) {
            try {
                cache.read(source.exchange()).ifPresent(list -> {
                    registry.replace(source.exchange(), list);
                    LOG.info("Instruments of {}: {} from the cache {}", source.exchange(), list.size(), cache.file(source.exchange()));
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("Instruments of {}: the cache {} is unreadable ({}), ignored", source.exchange(),
                        cache.file(source.exchange()), e.getMessage());
            }
        }
    }

    /** Downloads every venue's list at once, each within the timeout; returns when all are done. */
    public void download() {
        CompletableFuture.allOf(sources.stream().map(this::download).toArray(CompletableFuture[]::new)).join();
    }

    /** Writes every loaded venue into the table now, and each good download from now on. */
    public void saveTo(InstrumentTable table) throws java.sql.SQLException {
        for (InstrumentSource source : sources) {
            if (registry.knowsVenue(source.exchange())) {
                table.replace(source.exchange(), List.copyOf(registry.instruments(source.exchange())));
            }
        }
        this.table = table;
    }

    public Map<String, Outcome> status() {
        return Map.copyOf(status);
    }

    private CompletableFuture<Void> download(InstrumentSource source) {
        HttpRequest request = HttpRequest.newBuilder(source.url()).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> accept(source, response))
                .exceptionally(e -> {
                    fail(source, e.getCause() != null ? e.getCause() : e);
                    return null;
                });
    }

    private void accept(InstrumentSource source, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        InstrumentRows rows;
        try {
            rows = source.read(JSON.readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
        List<InstrumentSpec> list = withKept(source.exchange(), rows);
        registry.replace(source.exchange(), list);
        int skipped = rows.skipped().size();
        String message = list.size() + " instruments from " + source.url()
                + (skipped == 0 ? "" : "; " + skipped + " bad rows skipped, the first: " + rows.skipped().get(0));
        status.put(source.exchange(), new Outcome(true, message, list.size(), skipped, Instant.now()));
        LOG.info("Instruments of {}: {} from {}", source.exchange(), list.size(), source.url());
        rows.skipped().stream().limit(LOGGED_ROWS)
                .forEach(reason -> LOG.warn("Instruments of {}: a bad row skipped: {}", source.exchange(), reason));
        if (skipped > LOGGED_ROWS) {
            LOG.warn("Instruments of {}: {} more bad rows skipped", source.exchange(), skipped - LOGGED_ROWS);
        }
        try {
            cache.write(source.exchange(), list);
            InstrumentTable saved = table;
            if (saved != null) {
                saved.replace(source.exchange(), list);
            }
        } catch (Exception e) {
            LOG.warn("Instruments of {}: in use, but not saved ({})", source.exchange(), e.getMessage());
        }
    }

    /** The answer's instruments, and for each skipped row naming a symbol the venue had before (and the answer has not), that earlier entry. */
    private List<InstrumentSpec> withKept(String exchange, InstrumentRows rows) {
        List<InstrumentSpec> list = new ArrayList<>(rows.instruments());
        Set<String> read = list.stream().map(InstrumentSpec::rawSymbol).collect(Collectors.toSet());
        for (String symbol : rows.skippedSymbols()) {
            if (!read.contains(symbol)) {
                registry.find(exchange, symbol).ifPresent(list::add);
            }
        }
        return list;
    }

    private void fail(InstrumentSource source, Throwable error) {
        String kept = registry.knowsVenue(source.exchange())
                ? "keeping the " + registry.instruments(source.exchange()).size() + " instruments loaded before"
                : "none loaded, its symbols go by the built-in rules";
        String reason = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        String message = source.url() + " failed: " + reason + "; " + kept;
        status.put(source.exchange(), new Outcome(false, message, registry.instruments(source.exchange()).size(), 0, Instant.now()));
        LOG.warn("Instruments of {}: {}", source.exchange(), message);
    }
}
