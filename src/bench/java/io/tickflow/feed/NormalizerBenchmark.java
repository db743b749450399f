package io.tickflow.feed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.venue.BinanceNormalizer;
import io.tickflow.venue.BitfinexNormalizer;
import io.tickflow.venue.BitmexNormalizer;
import io.tickflow.venue.CoinbaseNormalizer;
import io.tickflow.venue.FrameNormalizer;
import io.tickflow.venue.KrakenNormalizer;

/**
 * Not a test: parse + normalize throughput per exchange on one thread, in frames per second,
 * beside Jackson's raw readTree rate of the same frames (the limit: normalizing includes one parse).
 * Run (see README): mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt, then
 * java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" io.tickflow.feed.NormalizerBenchmark
 */
public final class NormalizerBenchmark {

    private static final long MEASURE_NANOS = 2_000_000_000L;

    /** Results land here so the JIT cannot drop the work. */
    private static volatile long blackhole;

    public static void main(String[] args) throws Exception {
        Map<String, Supplier<FrameNormalizer>> fixtures = new LinkedHashMap<>();
        fixtures.put("binance_usdm_aggTrade.jsonl", () -> new BinanceNormalizer("binance-usdm"));
        fixtures.put("binance_usdm_bookTicker.jsonl", () -> new BinanceNormalizer("binance-usdm"));
        fixtures.put("binance_usdm_kline.jsonl", () -> new BinanceNormalizer("binance-usdm"));
        fixtures.put("bitmex_trade.jsonl", BitmexNormalizer::new);
        fixtures.put("bitmex_quote.jsonl", BitmexNormalizer::new);
        fixtures.put("bitfinex_trades.jsonl", BitfinexNormalizer::new);
        fixtures.put("coinbase_matches.jsonl", CoinbaseNormalizer::new);
        fixtures.put("coinbase_ticker.jsonl", CoinbaseNormalizer::new);
        fixtures.put("kraken_trade.jsonl", KrakenNormalizer::new);
        fixtures.put("kraken_ticker.jsonl", KrakenNormalizer::new);
        ObjectMapper jackson = new ObjectMapper();
        System.out.printf("%-32s %16s %16s %8s%n", "fixture", "normalize fr/s", "Jackson fr/s", "ratio");
        for (var entry : fixtures.entrySet()) {
            List<String> frames = ReplayServer.fixture(entry.getKey());
            DeadLettering dead = new DeadLettering("benchmark");
            FrameNormalizer normalizer = entry.getValue().get();
            double normalized = rate(frames, frame -> dead.normalize(normalizer, frame, Instant.now()).size());
            double raw = rate(frames, frame -> jackson.readTree(frame).size());
            System.out.printf("%-32s %,16.0f %,16.0f %7.0f%%%n", entry.getKey(), normalized, raw, 100 * normalized / raw);
        }
    }

    private interface Work {
        int run(String frame) throws Exception;
    }

    /** Frames per second over the second of two equal passes (the first warms the JIT up). */
    private static double rate(List<String> frames, Work work) throws Exception {
        pass(frames, work);
        return pass(frames, work);
    }

    private static double pass(List<String> frames, Work work) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < MEASURE_NANOS) {
            for (String frame : frames) {
                blackhole += work.run(frame);
            }
            count += frames.size();
        }
        return count * 1e9 / (System.nanoTime() - start);
    }
}
