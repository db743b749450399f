package io.tickflow.embedded;

import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.questdb.log.LogFactory;
import io.questdb.log.LogLevel;
import io.questdb.log.LogRecordUtf8Sink;
import io.questdb.log.LogWriter;
import io.questdb.mp.QueueConsumer;
import io.questdb.mp.RingQueue;
import io.questdb.mp.SCSequence;
import io.questdb.mp.SynchronizedJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * QuestDB's log writer (named in its log.conf, see {@link EmbeddedQuestDb}) that hands each record
 * to SLF4J, so the embedded QuestDB's lines are Tickflow's log lines (text or JSON), under the
 * logger {@code io.questdb.<QuestDB's scope>}: {@code io.questdb.server-main},
 * {@code io.questdb.i.q.c.CairoEngine}. ERROR and CRITICAL are ERROR, ADVISORY (its start-up
 * banner and settings) is INFO; QuestDB's INFO, a line per query, connection and table write, is
 * DEBUG here, and its DEBUG is TRACE, so a log at INFO (Camel JBang's) is not flooded with them.
 */
public final class QuestDbLogWriter extends SynchronizedJob implements Closeable, LogWriter {

    /** The logger whose level decides which records QuestDB writes at all (see {@link #questDbLevel()}). */
    static final String LOGGER_PREFIX = "io.questdb";

    private final RingQueue<LogRecordUtf8Sink> ring;
    private final SCSequence subSeq;
    private final int level;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final QueueConsumer<LogRecordUtf8Sink> consumer = this::log;

    /** The constructor QuestDB's LogFactory calls for a writer class. */
    public QuestDbLogWriter(RingQueue<LogRecordUtf8Sink> ring, SCSequence subSeq, int level) {
        this.ring = ring;
        this.subSeq = subSeq;
        this.level = level;
    }

    /** The level for log.conf: QuestDB then formats only records that can reach the log. */
    static String questDbLevel() {
        Logger logger = LoggerFactory.getLogger(LOGGER_PREFIX);
        return logger.isTraceEnabled() ? "DEBUG" : logger.isDebugEnabled() ? "INFO" : "ERROR";
    }

    @Override
    public void bindProperties(LogFactory factory) {
    }

    @Override
    protected boolean runSerially() {
        return subSeq.consumeAll(ring, consumer);
    }

    private void log(LogRecordUtf8Sink record) {
        int recordLevel = record.getLevel();
        if ((recordLevel & level) == 0) {
            return;
        }
        // "2026-01-16T10:00:00.000000Z A server-main message\n": time, level, scope, message
        String[] parts = record.toString().stripTrailing().split(" ", 4);
        if (parts.length < 4) {
            return;
        }
        Logger logger = loggers.computeIfAbsent(parts[2], scope -> LoggerFactory.getLogger(LOGGER_PREFIX + "." + scope));
        Level slf4jLevel = slf4jLevel(recordLevel);
        if (logger.isEnabledForLevel(slf4jLevel)) {
            logger.atLevel(slf4jLevel).log(parts[3]);
        }
    }

    private static Level slf4jLevel(int questDbLevel) {
        if ((questDbLevel & (LogLevel.ERROR | LogLevel.CRITICAL)) != 0) {
            return Level.ERROR;
        }
        if ((questDbLevel & LogLevel.ADVISORY) != 0) {
            return Level.INFO;
        }
        return (questDbLevel & LogLevel.INFO) != 0 ? Level.DEBUG : Level.TRACE;
    }

    @Override
    public void close() {
    }
}
