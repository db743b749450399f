package io.tickflow.backfill;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Candle intervals as the event contract spells them: 1m, 5m, 1h, 1d, 1w (a number and a unit). */
public final class Intervals {

    private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,2})([mhdw])");

    private Intervals() {
    }

    /** The length of an interval; an interval not of this form is an IllegalArgumentException. */
    public static Duration duration(String interval) {
        Matcher m = interval == null ? null : INTERVAL.matcher(interval);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an interval: " + interval);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
