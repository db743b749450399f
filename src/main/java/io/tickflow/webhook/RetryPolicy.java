package io.tickflow.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again. The schedule lists the delay before each attempt (the
 * first is usually 0: an immediate try); each delay gets ±jitter so that receivers coming back
 * up are not hit by every message at once. 5xx, 429, timeouts and connection errors are retried;
 * any other status (3xx included: redirects are not followed) is final.
 */
public class RetryPolicy {

    private List<Duration> schedule = parseSchedule("0s,5s,5m,30m,2h,5h,10h,10h");
    private double jitter = 0.2;

    /** Attempts in all, the first one included. */
    public int maxAttempts() {
        return schedule.size();
    }

    public static boolean isRetryable(int statusCode) {
        return statusCode >= 500 || statusCode == 429;
    }

    public static boolean isSuccess(int statusCode) {
        return statusCode >= 200 && statusCode < 300;
    }

    /**
     * How long to wait before attempt number {@code attemptsMade + 1} after {@code attemptsMade}
     * failures, or null when none is left. A receiver's Retry-After wins when it asks for longer.
     */
    public Duration nextDelay(int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= schedule.size()) {
            return null;
        }
        long millis = schedule.get(attemptsMade).toMillis();
        long spread = (long) (millis * jitter);
        long delay = spread > 0 ? millis + ThreadLocalRandom.current().nextLong(-spread, spread + 1) : millis;
        if (retryAfter != null && retryAfter.toMillis() > delay) {
            delay = retryAfter.toMillis();
        }
        return Duration.ofMillis(delay);
    }

    /** A Retry-After header: delay seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Durations such as `0s,200ms,5s,5m,2h,1d`, comma separated. */
    static List<Duration> parseSchedule(String text) {
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            delays.add(parseDuration(part.trim()));
        }
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("The retry schedule needs at least one delay");
        }
        return delays;
    }

    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            switch (value.charAt(value.length() - 1)) {
                case 's': return Duration.ofSeconds(amount);
                case 'm': return Duration.ofMinutes(amount);
                case 'h': return Duration.ofHours(amount);
                case 'd': return Duration.ofDays(amount);
                default: break;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration such as 200ms, 5s, 5m, 2h or 1d");
    }

    public void setSchedule(String schedule) {
        this.schedule = parseSchedule(schedule);
    }

    public void setJitter(double jitter) {
        this.jitter = jitter;
    }
}
