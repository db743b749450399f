package io.tickflow.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Event timestamps on the wire: ISO-8601 UTC with exactly six fractional digits. Sinks parse and
 * print one per event field, so the common layout is done by hand (java.time's general parser
 * was a fifth of a sink's time); anything else takes java.time's path with its exact semantics.
 */
public final class EventTime {

    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private EventTime() {
    }

    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return WIRE.format(instant.truncatedTo(ChronoUnit.MICROS));
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] text = new char[27];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, instant.getNano() / 1000, 6);
        text[26] = 'Z';
        return new String(text);
    }

    public static Instant parse(String text) {
        Instant fast = parseWireLayout(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** Microseconds since the epoch, the unit QuestDB timestamps use. */
    public static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /** yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z, or null when the text has another layout or is out of range. */
    private static Instant parseWireLayout(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fractionDigits = length - 21;
            int fraction = number(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - fractionDigits];
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in text[from, from + count), or -1 if a character is not a digit. */
    private static int number(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
