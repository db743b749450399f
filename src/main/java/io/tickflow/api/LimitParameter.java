package io.tickflow.api;

/** The `limit` query parameter every list endpoint takes: absent means the default, else 1 .. max. */
public final class LimitParameter {

    private LimitParameter() {
    }

    public static int parse(String text, int defaultLimit, int maxLimit) {
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw ApiException.badParameter("limit", "'limit' must be an integer from 1 to " + maxLimit + ", was '" + text + "'");
    }
}
