package io.tickflow.dashboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.testing.Browser;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in Debian's headless Chromium against Tickflow on its default sources (ticker
 * and market simulators): every page loads without a console error and shows live data. Each
 * test leaves a screenshot under target/screenshots/.
 */
class DashboardIT {

    private static final SharedServers SERVERS = SharedServers.get();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Map<String, String> props;
    private static RunningTickflow app;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        props = new HashMap<>(SERVERS.isolatedProperties());
        props.put("tickflow.simulator.count", "5");
        props.put("tickflow.simulator.period-ms", "200");
        props.put("tickflow.market-simulator.trades-per-second", "10");
        props.put("tickflow.market-simulator.liquidations-per-minute", "60");
        app = RunningTickflow.start(props);
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        app.close();
        SERVERS.dropIsolated(props);
    }

    @AfterEach
    void noConsoleErrors() {
        List<String> errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    @Test
    void tickerChartShowsHistoryThenLivePoints() throws Exception {
        browser.open(url("/?ticker=ticker_01"));
        browser.await(WAIT, "ticker_01's stored history", () -> points() >= 10 && "ticker_01".equals(chart("ticker")));
        long first = Long.parseLong(chart("lastTime"));
        browser.await(WAIT, "live points after the history", () -> Long.parseLong(chart("lastTime")) > first + 1000);
        browser.await(WAIT, "the page to say it is live", () -> browser.find("#tf-state").getText().equals("live"));
        browser.screenshot("tickers");
    }

    @Test
    void switchingTickersShowsTheNewTickersHistoryAtOnce() throws Exception {
        browser.open(url("/?ticker=ticker_01"));
        browser.await(WAIT, "ticker_01's history", () -> points() >= 10);
        browser.find("#ticker-search").sendKeys("03");
        assertEquals(1, browser.findAll("#ticker-list li:not([hidden])").size(), "the search leaves one ticker");
        browser.find("#ticker-list button[data-name='ticker_03']").click();
        // the history arrives in one answer, so the points are there long before the next ticks could add up to them
        browser.await(Duration.ofSeconds(3), "ticker_03's history at once",
                () -> "ticker_03".equals(chart("ticker")) && points() >= 10);
        assertEquals("ticker_03", browser.find("#ticker-title").getText());
    }

    @Test
    void aLostStreamReconnectsByItselfAndSaysSo() throws Exception {
        browser.open(url("/?ticker=ticker_02"));
        browser.await(WAIT, "the stream live, with points", () -> browser.find("#tf-state").getText().equals("live") && points() > 0);
        browser.script("TF.streams[0].socket.close()");
        browser.await(Duration.ofSeconds(5), "the page to say the stream was lost",
                () -> browser.find("#tf-state").getText().startsWith("stream lost"));
        long before = Long.parseLong(chart("lastTime"));
        browser.await(WAIT, "the stream back, with new points",
                () -> browser.find("#tf-state").getText().equals("live") && Long.parseLong(chart("lastTime")) > before);
    }

    @Test
    void marketsPageShowsEverySimulatedSymbolAndGrowingCandles() throws Exception {
        browser.open(url("/markets"));
        browser.await(WAIT, "the five simulated symbols in the price table", () -> browser.findAll("#prices tbody tr").stream()
                .filter(tr -> tr.getText().startsWith("simulator ")).count() == 5);
        for (String symbol : List.of("BTC-USDT", "ETH-USDT", "SOL-USDT", "XRP-USDT", "LINK-USDT")) {
            assertTrue(browser.find("#prices").getText().contains("simulator " + symbol), symbol);
        }
        browser.await(WAIT, "simulator candles", () -> number(candles("candles")) >= 1);
        double count = number(candles("candles"));
        double volume = number(candles("lastVolume"));
        browser.await(WAIT, "the candles to grow", () -> number(candles("candles")) > count || number(candles("lastVolume")) > volume);
        browser.screenshot("markets");
    }

    @Test
    void liquidationsPageListsTheNewestLiquidations() throws Exception {
        browser.open(url("/liquidations"));
        browser.await(WAIT, "liquidations in the list", () -> browser.findAll("#liquidations tbody tr td.num").size() > 0);
        browser.await(WAIT, "the notional chart", () -> number((String) browser.script(
                "return document.getElementById('volume-chart').dataset.buckets")) >= 1);
        browser.screenshot("liquidations");
    }

    @Test
    void pipelinePageShowsTheSimulatorRunningAndRisingCounts() throws Exception {
        browser.open(url("/pipeline"));
        browser.await(WAIT, "the ticker simulator running", () -> cell("#sources tr.source-ticker-simulator", 2).equals("running"));
        long rows = Long.parseLong(cell("#sinks tbody tr", 3));
        browser.await(WAIT, "the stored rows rising", () -> Long.parseLong(cell("#sinks tbody tr", 3)) > rows);
        long events = Long.parseLong(cell("#sources tr.source-ticker-simulator", 3));
        browser.await(WAIT, "the simulator's events rising",
                () -> Long.parseLong(cell("#sources tr.source-ticker-simulator", 3)) > events);
        browser.screenshot("pipeline");
    }

    @Test
    void queryFormReturnsRowsAndShowsTheServersMessageForABadValue() throws Exception {
        browser.open(url("/queries?query=ticker_history"));
        browser.await(WAIT, "the ticker_history form", () -> !browser.findAll("#query-form input[name='name']").isEmpty());
        WebElement name = browser.find("#query-form input[name='name']");
        name.sendKeys("ticker_04");
        browser.find("#query-form button[type='submit']").click();
        browser.await(WAIT, "rows in the result table", () -> browser.findAll("#query-result tbody tr").size() > 0);
        assertTrue(browser.find("#curl").getText().contains("/api/queries/ticker_history?name=ticker_04"));
        browser.screenshot("queries");

        WebElement from = browser.find("#query-form input[name='from']");
        from.clear();
        from.sendKeys("yesterday");
        browser.find("#query-form button[type='submit']").click();
        browser.await(WAIT, "the server's 400 message", () -> browser.find("#query-error").getText().startsWith("'from' must be"));
        assertTrue(from.getAttribute("class").contains("bad"), "the bad parameter is marked");
        // the browser logs the refused request itself; that one is expected, and nothing else
        assertTrue(browser.consoleErrors().stream().allMatch(e -> e.contains("from=yesterday") && e.contains("400")));
    }

    @Test
    void queryFormRefusesWhatAParametersTypeForbids() throws Exception {
        browser.open(url("/queries?query=latest_liquidations"));
        browser.await(WAIT, "the latest_liquidations form", () -> !browser.findAll("#query-form input[name='count']").isEmpty());
        WebElement count = browser.find("#query-form input[name='count']");
        count.clear();
        count.sendKeys("5000");
        browser.find("#query-form button[type='submit']").click();
        browser.await(WAIT, "the form's own refusal", () -> browser.find("#query-error").getText().startsWith("'count'"));
    }

    @Test
    void apiPageShowsSwaggerUiForTheOpenApiDocument() throws Exception {
        browser.open(url("/api/docs"));
        browser.await(WAIT, "the operations of the document", () -> browser.findAll(".opblock").size() >= 10);
        browser.screenshot("api");
    }

    private static String url(String path) {
        return app.uri(path).toString();
    }

    private static String chart(String attribute) {
        return (String) browser.script("return document.getElementById('ticker-chart').dataset[arguments[0]]", attribute);
    }

    private static String candles(String attribute) {
        return (String) browser.script("return document.getElementById('candle-chart').dataset[arguments[0]]", attribute);
    }

    private static double number(String text) {
        return text == null || text.isEmpty() ? 0 : Double.parseDouble(text);
    }

    private static long points() {
        String points = chart("points");
        return points == null ? 0 : Long.parseLong(points);
    }

    private static String cell(String rowCss, int column) {
        return browser.find(rowCss).findElements(org.openqa.selenium.By.tagName("td")).get(column).getText();
    }
}
