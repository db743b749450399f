package io.tickflow.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes: no fixed sleeps in tests. */
public final class Await {

    private Await() {
    }

    public static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        AssertionError error = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }
}
