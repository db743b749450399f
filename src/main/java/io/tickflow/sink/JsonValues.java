package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

import io.questdb.client.std.Decimal128;
import io.tickflow.event.EventParser;

/**
 * Checks and decodes the values of {@link IlpTranscoder}'s events in place, from a range of the
 * event's bytes: text, sides, plain decimals (as 128-bit integers with their scale), integers and
 * wire-layout times. Each check is as strict as {@link EventParser}, or declines what it would
 * have to judge. Reuses its decimal, text and last date: one instance per transcoder.
 */
final class JsonValues {

    private static final int WIRE_TIME_LENGTH = "2026-11-25T20:22:34.965088Z".length();

    private final AsciiText text = new AsciiText();
    private final Decimal128 decimal = new Decimal128();
    private long number;
    private int lastDate = -1;
    private long lastEpochDay;

    /** The integer or time the last successful {@link #integer} or {@link #time} decoded. */
    long number() {
        return number;
    }

    CharSequence text(byte[] b, int from, int end) {
        return text.of(b, from, end);
    }

    /** Printable ASCII (all FlatJson takes) is blank only when all spaces. */
    static boolean isBlank(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    static boolean isSide(byte[] b, int from, int end) {
        int length = end - from;
        return (length == 3 && b[from] == 'b' && b[from + 1] == 'u' && b[from + 2] == 'y')
                || (length == 4 && b[from] == 's' && b[from + 1] == 'e' && b[from + 2] == 'l' && b[from + 3] == 'l');
    }

    /**
     * A plain decimal -?(0|[1-9][0-9]*)(.[0-9]+)? that fits the columns as sent, above zero where
     * asked. Other forms (padded, exponents, surplus trailing zeros) are left to the full parser.
     */
    static boolean isFittingDecimal(byte[] b, int from, int end, boolean positive) {
        int i = from;
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        boolean nonZero = false;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            nonZero |= b[i] != '0';
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && b[integerStart] == '0') || integerDigits > EventParser.MAX_INTEGER_DIGITS) {
            return false;
        }
        if (i < end) {
            if (b[i] != '.') {
                return false;
            }
            int fractionStart = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                nonZero |= b[i] != '0';
                i++;
            }
            if (i != end || i == fractionStart || i - fractionStart > EventParser.MAX_SCALE) {
                return false;
            }
        }
        return !positive || (nonZero && !negative);
    }

    /** A JSON integer that fits a long, then {@link #number()}. */
    boolean integer(byte[] b, int from, int end) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i > 18) {
            return false;
        }
        long value = 0;
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
            value = value * 10 + (b[i] - '0');
        }
        number = negative ? -value : value;
        return true;
    }

    /** yyyy-MM-ddTHH:mm:ss.ffffffZ, the wire layout, then {@link #number()} in epoch microseconds; other layouts are declined. */
    boolean time(byte[] b, int s, int end) {
        if (end - s != WIRE_TIME_LENGTH || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T'
                || b[s + 13] != ':' || b[s + 16] != ':' || b[s + 19] != '.' || b[s + 26] != 'Z') {
            return false;
        }
        int year = digits(b, s, 4);
        int month = digits(b, s + 5, 2);
        int day = digits(b, s + 8, 2);
        int hour = digits(b, s + 11, 2);
        int minute = digits(b, s + 14, 2);
        int second = digits(b, s + 17, 2);
        int micros = digits(b, s + 20, 6);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || micros < 0) {
            return false;
        }
        int date = year * 10_000 + month * 100 + day;
        if (date != lastDate) {
            try {
                lastEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return false;
            }
            lastDate = date;
        }
        number = ((lastEpochDay * 86_400 + hour * 3600L + minute * 60L + second) * 1_000_000L) + micros;
        return true;
    }

    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    /** The checked decimal as an unscaled 128-bit integer and its scale: at most 38 digits, so it fits. */
    Decimal128 decimal(byte[] b, int from, int end) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long high = 0;
        long low = 0;
        int scale = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            if (b[i] == '.') {
                fraction = true;
                continue;
            }
            // (high, low) * 10 + digit, unsigned 128-bit
            long lowTimesTen = low * 10;
            long carry = Math.multiplyHigh(low, 10) + ((low >> 63) & 10);
            long sum = lowTimesTen + (b[i] - '0');
            if (Long.compareUnsigned(sum, lowTimesTen) < 0) {
                carry++;
            }
            high = high * 10 + carry;
            low = sum;
            if (fraction) {
                scale++;
            }
        }
        if (negative) {
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        decimal.of(high, low, scale);
        return decimal;
    }

    /** Printable ASCII bytes seen as characters, without copying them; reused for each value. */
    private static final class AsciiText implements CharSequence {

        private byte[] bytes;
        private int from;
        private int length;

        AsciiText of(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.length = to - from;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) bytes[from + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(bytes, from, length, StandardCharsets.US_ASCII);
        }
    }
}
