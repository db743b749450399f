package io.tickflow.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The lines the loggers under a name write while this is open, for tests that check what the log
 * says. Listens at the root logger, beside the console, so the console still has every line.
 */
public final class LogLines implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    private LogLines(String loggerPrefix) {
        appender = new AbstractAppender("test-lines-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLoggerName().startsWith(loggerPrefix)) {
                    lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        root().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static LogLines of(String loggerPrefix) {
        return new LogLines(loggerPrefix);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    private LoggerConfig root() {
        return context.getConfiguration().getRootLogger();
    }

    @Override
    public void close() {
        root().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
