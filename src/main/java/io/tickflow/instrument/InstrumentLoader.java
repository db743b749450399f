package io.tickflow.instrument;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

/**
 * The registry's life in Tickflow, configured by tickflow.instruments.*: at start the disk cache,
 * then (when enabled) one download of every venue within the timeout, so the feeds' symbols are
 * checked against fresh lists; then a download every refresh period on a thread of its own. The
 * PostgreSQL table is written from {@link #saveTable()} on (the route of routes/instruments.camel.yaml,
 * once the schema exists).
 * Disabled (the default), the cache alone is used and nothing is downloaded.
 */
public final class InstrumentLoader {

    private InstrumentRegistry registry;
    private boolean enabled;
    private String cacheDir;
    private long timeoutMs;
    private long refreshHours;
    private DataSource dataSource;
    private String table;
    private final List<InstrumentSource> sources = new ArrayList<>();
    private InstrumentRefresh refresh;
    private ScheduledExecutorService scheduler;

    public void start() {
        refresh = new InstrumentRefresh(registry, new InstrumentCache(Path.of(cacheDir)), List.copyOf(sources),
                Duration.ofMillis(timeoutMs));
        refresh.loadCache();
        if (enabled) {
            refresh.download();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "instrument-refresh");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(refresh::download, refreshHours, refreshHours, TimeUnit.HOURS);
        }
    }

    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Into the table from now on; called once the routes run, so after the schema is created. */
    public void saveTable() throws java.sql.SQLException {
        refresh.saveTo(new InstrumentTable(dataSource, table));
    }

    /** Downloads now (what the daily refresh does). */
    public void download() {
        refresh.download();
    }

    public InstrumentRefresh refresh() {
        return refresh;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setRegistry(InstrumentRegistry registry) {
        this.registry = registry;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public void setTimeoutMs(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public void setRefreshHours(long refreshHours) {
        this.refreshHours = refreshHours;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public void setBinanceUrl(String url) {
        sources.add(InstrumentSource.of("binance", url));
    }

    public void setBinanceUsdmUrl(String url) {
        sources.add(InstrumentSource.of("binance-usdm", url));
    }

    public void setBinanceCoinmUrl(String url) {
        sources.add(InstrumentSource.of("binance-coinm", url));
    }

    public void setBitmexUrl(String url) {
        sources.add(InstrumentSource.of("bitmex", url));
    }

    public void setBitfinexUrl(String url) {
        sources.add(InstrumentSource.of("bitfinex", url));
    }

    public void setCoinbaseUrl(String url) {
        sources.add(InstrumentSource.of("coinbase", url));
    }

    public void setKrakenUrl(String url) {
        sources.add(InstrumentSource.of("kraken", url));
    }
}
