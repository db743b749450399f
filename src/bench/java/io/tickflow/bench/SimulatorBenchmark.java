package io.tickflow.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickflow.simulator.RandomWalkSimulator;
import io.tickflow.simulator.Tick;
import io.tickflow.testing.Metrics;
import io.tickflow.testing.RunningTickflow;
import io.tickflow.testing.SharedServers;
import org.apache.camel.spi.RouteController;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The highest rate the ticker simulator sustains, beside the raw limit, on the embedded Kafka in
 * the same run. The ticker count steps up at a fixed period; a level is sustained when no step of
 * its measured window took longer than the period (tickflow_simulator_step_overruns_total did not
 * move). The raw limit: a bare KafkaProducer configured like the simulator's (acks=all, idempotent,
 * the same linger, compression, batch size and requests in flight) sending the same records,
 * already in memory, a step at a time (all of a step's records, then waiting for their
 * acknowledgements) back to back. The steps stop at the first level that falls a tenth behind.
 * <pre>
 * java -cp ... io.tickflow.bench.SimulatorBenchmark   # -Dbench.period-ms=100 -Dbench.seconds=10
 *      -Dbench.warmup-seconds=5 -Dbench.tickers=250,500,1000,2000,4000,8000,16000
 * </pre>
 */
public final class SimulatorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int periodMs = Integer.getInteger("bench.period-ms", 100);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 5);
        int[] levels = Arrays.stream(System.getProperty("bench.tickers", "250,500,1000,2000,4000,8000,16000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        SharedServers servers = SharedServers.get();
        List<String> rows = new ArrayList<>();
        double sustained = 0;
        String sustainedAt = "none";
        double rawLimit = 0;
        try {
            for (int tickers : levels) {
                Level level = simulate(servers, tickers, periodMs, warmupSeconds, seconds);
                double raw = raw(servers, level.producer, tickers, warmupSeconds, seconds);
                rawLimit = Math.max(rawLimit, raw);
                boolean held = level.overruns == 0;
                if (held && level.rate() > sustained) {
                    sustained = level.rate();
                    sustainedAt = tickers + " tickers every " + periodMs + " ms";
                }
                rows.add(String.format("| %,d | %,.0f | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %s | %,.0f |", tickers,
                        tickers * 1000.0 / periodMs, level.rate(), level.steps, level.overruns, level.meanStepMs(),
                        level.maxStepMs, held ? "yes" : "no", raw));
                print(periodMs, seconds, warmupSeconds, rows, sustained, sustainedAt, rawLimit);
                // an overrun may be a moment without CPU; falling a tenth behind the offered rate is not
                if (level.rate() < 0.9 * tickers * 1000.0 / periodMs) {
                    break;
                }
            }
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        // the shared servers' threads would keep the JVM alive
        System.exit(0);
    }

    /** One level's window: ticks and steps sent, overruns, step times, and the producer settings used. */
    private record Level(double seconds, double ticks, double steps, double overruns, double stepSeconds,
            double maxStepMs, Properties producer) {
        double rate() {
            return ticks / seconds;
        }

        double meanStepMs() {
            return steps == 0 ? 0 : 1000 * stepSeconds / steps;
        }
    }

    private static Level simulate(SharedServers servers, int tickers, int periodMs, int warmupSeconds, int seconds)
            throws Exception {
        Map<String, String> props = new HashMap<>(servers.isolatedProperties());
        props.put("tickflow.sink.questdb.enabled", "false");
        props.put("tickflow.sink.postgres.enabled", "false");
        props.put("tickflow.simulator.count", String.valueOf(tickers));
        props.put("tickflow.simulator.period-ms", String.valueOf(periodMs));
        props.put("tickflow.simulator.seed", "1");
        try (RunningTickflow app = RunningTickflow.start(props)) {
            RouteController routes = app.camelContext().getRouteController();
            // they would read the ticks too, taking CPU the raw run below has for itself
            routes.stopRoute("events-kafka-to-webhook-queue");
            routes.stopRoute("events-kafka-to-stream-clients");
            Thread.sleep(warmupSeconds * 1000L);
            String before = Metrics.scrape(app);
            long t = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            String after = Metrics.scrape(app);
            double took = (System.nanoTime() - t) / 1e9;
            routes.stopRoute("ticker-simulator-to-kafka");
            return new Level(took, delta(before, after, "tickflow_simulator_ticks_total"),
                    delta(before, after, "tickflow_simulator_step_seconds_count"),
                    delta(before, after, "tickflow_simulator_step_overruns_total"),
                    delta(before, after, "tickflow_simulator_step_seconds_sum"),
                    1000 * Metrics.value(after, "tickflow_simulator_step_seconds_max"), producerSettings(app));
        } finally {
            servers.dropIsolated(props);
        }
    }

    private static double delta(String before, String after, String series) {
        return Metrics.value(after, series) - Math.max(0, Metrics.value(before, series));
    }

    /** The simulator producer's settings, as the route has them. */
    private static Properties producerSettings(RunningTickflow app) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, setting(app, "linger-ms"));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, setting(app, "compression"));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, setting(app, "batch-size"));
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, setting(app, "max-in-flight"));
        return p;
    }

    private static String setting(RunningTickflow app, String key) {
        return app.camelContext().resolvePropertyPlaceholders("{{tickflow.simulator.kafka." + key + "}}");
    }

    /** Steps of the same ticks from a bare producer, back to back: ticks per second acknowledged. */
    private static double raw(SharedServers servers, Properties settings, int tickers, int warmupSeconds, int seconds)
            throws Exception {
        Map<String, String> props = servers.isolatedProperties();
        String topic = props.get("tickflow.simulator.topic");
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
        RandomWalkSimulator walk = new RandomWalkSimulator();
        walk.setCount(tickers);
        List<ProducerRecord<String, String>> step = new ArrayList<>();
        for (String name : walk.names()) {
            step.add(new ProducerRecord<>(topic, name, JSON.writeValueAsString(new Tick(name, 1, Instant.now()).toEvent())));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            sendSteps(producer, step, warmupSeconds);
            long t = System.nanoTime();
            long steps = sendSteps(producer, step, seconds);
            return steps * tickers / ((System.nanoTime() - t) / 1e9);
        } finally {
            servers.dropIsolated(props);
        }
    }

    private static long sendSteps(KafkaProducer<String, String> producer, List<ProducerRecord<String, String>> step,
            int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long steps = 0;
        List<Future<RecordMetadata>> acks = new ArrayList<>(step.size());
        while (System.nanoTime() < end) {
            acks.clear();
            for (ProducerRecord<String, String> record : step) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            steps++;
        }
        return steps;
    }

    private static void print(int periodMs, int seconds, int warmupSeconds, List<String> rows, double sustained,
            String sustainedAt, double rawLimit) {
        System.out.printf("%nTicker simulator, a step every %d ms; each level %d s measured after %d s of warm-up%n",
                periodMs, seconds, warmupSeconds);
        System.out.println("| tickers | offered ticks/s | sent ticks/s | steps | overruns | mean step ms | max step ms"
                + " (incl. warm-up) | sustained | raw limit ticks/s (same steps back to back) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        rows.forEach(System.out::println);
        System.out.printf("highest sustained: %,.0f ticks/s (%s); raw limit: %,.0f ticks/s%n", sustained, sustainedAt, rawLimit);
    }
}
