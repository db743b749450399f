package io.tickflow.query;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickflow.api.ApiException;
import io.tickflow.api.TimeParameter;

/** Turns a request's text into a parameter's typed value, or a 400 naming the parameter. */
public final class ParameterValues {

    static final int MAX_STRING_LENGTH = 200;
    static final int MAX_SYMBOLS = 50;
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern RELATIVE_TIME = Pattern.compile("now(?:-(.+))?");

    private ParameterValues() {
    }

    /** The typed value of {@code text} (never null), checked against the parameter's bounds. */
    public static Object convert(QueryParameter parameter, String text, Instant now) {
        String value = text.trim();
        try {
            Object converted = switch (parameter.type()) {
                case STRING -> string(value);
                case INT -> Long.parseLong(value);
                case DOUBLE -> finite(Double.parseDouble(value));
                case TIMESTAMP -> timestamp(value, now);
                case DURATION -> duration(value);
                case SYMBOLS -> symbols(value);
            };
            checkBounds(parameter, converted, now);
            return converted;
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw ApiException.badParameter(parameter.name(), "'" + parameter.name() + "' must be " + parameter.expected()
                    + ", was '" + abbreviate(text) + "'");
        }
    }

    private static String string(String value) {
        // PostgreSQL refuses NUL in text: a 400 says so better than the database's error
        if (value.length() > MAX_STRING_LENGTH || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("too long or NUL");
        }
        return value;
    }

    private static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not finite");
        }
        return value;
    }

    static Instant timestamp(String value, Instant now) {
        Matcher relative = RELATIVE_TIME.matcher(value.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            return TimeParameter.checked(relative.group(1) == null ? now : now.minus(duration(relative.group(1))));
        }
        return TimeParameter.checked(Instant.parse(value));
    }

    static Duration duration(String value) {
        Matcher shorthand = SHORT_DURATION.matcher(value);
        Duration duration;
        if (shorthand.matches()) {
            long amount = Long.parseLong(shorthand.group(1));
            duration = switch (shorthand.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            duration = Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("not positive");
        }
        return duration;
    }

    private static List<String> symbols(String value) {
        List<String> symbols = Arrays.stream(value.split(",")).map(String::trim).toList();
        if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS || !symbols.stream().allMatch(s -> SYMBOL.matcher(s).matches())) {
            throw new IllegalArgumentException("not a symbol list");
        }
        return symbols;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void checkBounds(QueryParameter parameter, Object value, Instant now) {
        List<String> allowed = parameter.allowed();
        if (allowed != null && !allowed.isEmpty()) {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            if (!values.stream().allMatch(v -> allowed.contains(String.valueOf(v)))) {
                throw new IllegalArgumentException("not allowed");
            }
        }
        if (value instanceof Comparable comparable) {
            if (parameter.min() != null && comparable.compareTo(bound(parameter, parameter.min(), now)) < 0) {
                throw new IllegalArgumentException("below min");
            }
            if (parameter.max() != null && comparable.compareTo(bound(parameter, parameter.max(), now)) > 0) {
                throw new IllegalArgumentException("above max");
            }
        }
    }

    private static Object bound(QueryParameter parameter, String text, Instant now) {
        return switch (parameter.type()) {
            case INT -> Long.parseLong(text);
            case DOUBLE -> Double.parseDouble(text);
            case TIMESTAMP -> timestamp(text, now);
            case DURATION -> duration(text);
            case STRING, SYMBOLS -> throw new IllegalStateException("min/max do not apply to " + parameter.type().yamlName());
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
