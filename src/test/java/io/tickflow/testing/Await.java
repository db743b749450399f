package io.tickflow.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: no fixed sleeps in tests. */
public final class Await {

    private Await() {
    }

    public static void until(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        until(timeout, () -> what, condition);
    }

    /** As above, with what was waited for told at the timeout: the state it failed in, say. */
    public static void until(Duration timeout, Supplier<String> what, Callable<Boolean> condition) throws Exception {
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
        AssertionError error = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }
}
