package io.tickflow.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Time parameters: ISO-8601 UTC, within the years 1 to 9999. Wider times parse in Java but not in
 * the databases (PostgreSQL answered "inconvertible value: -infinity"), so they are refused here
 * as a 400 naming the parameter, before any query runs.
 */
public final class TimeParameter {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    public static final String EXPECTED = "an ISO-8601 UTC time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z"
            + " such as 2026-01-31T12:00:00Z";

    private TimeParameter() {
    }

    /** The time of a request parameter's text, or a 400 naming the parameter. */
    public static Instant parse(String parameter, String text) {
        try {
            return checked(Instant.parse(text.trim()));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ApiException.badParameter(parameter, "'" + parameter + "' must be " + EXPECTED + ", was '" + text + "'");
        }
    }

    /** The time itself when the databases can store it; IllegalArgumentException when not. */
    public static Instant checked(Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException("outside the years 1 to 9999");
        }
        return time;
    }
}
