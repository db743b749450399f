package io.tickflow.embedded;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;

/**
 * A few of QuestDB's lines bypass its logger: System.err and System.out prints when its log is set
 * up and when it shuts down. While such a step runs, whatever is printed becomes INFO lines of a
 * logger instead, so the console has only log lines (all JSON when the log is). Log4j's console
 * appender keeps the stream it opened with; one that followed System.out would write through.
 */
final class ConsoleToLog {

    /** A step that may print. */
    interface Step<T, E extends Exception> {
        T run() throws E;
    }

    private static final Object SWAP = new Object();

    private ConsoleToLog() {
    }

    static <T, E extends Exception> T run(Logger log, Step<T, E> step) throws E {
        synchronized (SWAP) {
            PrintStream out = System.out;
            PrintStream err = System.err;
            try (PrintStream lines = new PrintStream(new LineLogger(log, out), true, StandardCharsets.UTF_8)) {
                System.setOut(lines);
                System.setErr(lines);
                return step.run();
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    /** Logs each line written to it (a line equal to the one before once: QuestDB prints some to both streams). */
    private static final class LineLogger extends OutputStream {

        private static final ThreadLocal<Boolean> LOGGING = ThreadLocal.withInitial(() -> false);

        private final Logger log;
        private final PrintStream console;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String previous;

        LineLogger(Logger log, PrintStream console) {
            this.log = log;
            this.console = console;
        }

        @Override
        public synchronized void write(int b) {
            if (LOGGING.get()) {
                console.write(b);
            } else if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            flushLine();
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
            line.reset();
            if (!text.isEmpty() && !text.equals(previous)) {
                previous = text;
                LOGGING.set(true);
                try {
                    log.info(text);
                } finally {
                    LOGGING.set(false);
                }
            }
        }
    }
}
