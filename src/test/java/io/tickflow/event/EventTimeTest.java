package io.tickflow.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written wire layout agrees with java.time everywhere it is used. */
class EventTimeTest {

    private static final DateTimeFormatter JAVA_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatsAndParsesLikeJavaTime() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            String text = EventTime.format(instant);
            assertEquals(JAVA_TIME.format(instant.truncatedTo(ChronoUnit.MICROS)), text);
            assertEquals(instant.truncatedTo(ChronoUnit.MICROS), EventTime.parse(text));
            String nanos = instant.toString();
            assertEquals(Instant.parse(nanos), EventTime.parse(nanos));
            if (Math.abs(instant.getEpochSecond()) < 9_000_000_000L) {
                assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, instant.truncatedTo(ChronoUnit.MICROS)),
                        EventTime.epochMicros(instant));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T00:00:00Z", "2026-03-01T00:00:00.1Z", "2026-03-01T23:59:59.123456789Z",
        "2024-02-29T12:00:00.5Z", "2026-03-01T00:00:00+01:00", "+12026-03-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T00:00:60Z", "2026-03-01T00:00:00.Z",
        "2026-03-01T00:00:00.1234567890Z", "2026-03-01 00:00:00Z", "yesterday", "2026-03-01T00:0a:00Z", "-0001-01-01T00:00:00Z"})
    void otherLayoutsAndBadTimesAreTakenAsJavaTimeTakesThem(String text) {
        Object expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeException e) {
            expected = DateTimeException.class;
        }
        Object actual;
        try {
            actual = EventTime.parse(text);
        } catch (DateTimeException e) {
            actual = DateTimeException.class;
        }
        assertEquals(expected, actual);
    }
}
