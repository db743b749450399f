package io.tickflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one call from many client threads for a while and reports latency percentiles and
 * throughput. Unpaced, each client calls again as soon as it has its answer (the most the
 * system serves); paced, the clients together issue {@code rate} calls a second and latency is
 * measured from when each call was due, so a stall counts against every call it delays.
 */
final class LoadRun {

    interface Call {
        void run(int client, ThreadLocalRandom random) throws Exception;
    }

    record Result(String name, int clients, long calls, long errors, double seconds, double p50Ms, double p99Ms, double maxMs) {
        double perSecond() {
            return calls / seconds;
        }
    }

    private LoadRun() {
    }

    static Result run(String name, int clients, double rate, double warmupSeconds, double seconds, Call call) throws Exception {
        measure(clients, rate, warmupSeconds, call, new AtomicLong());
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long[][] latencies = measure(clients, rate, seconds, call, errors);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, clients, all.length, errors.get(), elapsed, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static long[][] measure(int clients, double rate, double seconds, Call call, AtomicLong errors) throws Exception {
        long[][] latencies = new long[clients][];
        CountDownLatch done = new CountDownLatch(clients);
        long begin = System.nanoTime();
        long end = begin + (long) (seconds * 1e9);
        // each paced client calls every `interval`, offset so the calls spread evenly
        long interval = rate > 0 ? (long) (clients * 1e9 / rate) : 0;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long[] mine = new long[1 << 16];
                int n = 0;
                long due = begin + (interval > 0 ? interval * client / clients : 0);
                while (true) {
                    long now = System.nanoTime();
                    if (interval > 0) {
                        while (now < due) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - now);
                            now = System.nanoTime();
                        }
                    }
                    if (now >= end) {
                        break;
                    }
                    long from = interval > 0 ? due : now;
                    try {
                        call.run(client, random);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - from;
                    due += interval;
                }
                latencies[client] = Arrays.copyOf(mine, n);
                done.countDown();
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        done.await();
        return latencies;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
