package io.tickflow.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Checks the query parameters of GET /api/tickers/{name}/history and puts their typed values in
 * headers (historyFrom, historyTo, historyLimit) for the bound SQL query.
 */
public class TickerHistoryParameters {

    private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private int defaultLimit = 1000;
    private int maxLimit = 10000;

    public void check(Exchange exchange) {
        Message in = exchange.getMessage();
        OffsetDateTime from = time(in, "from", EARLIEST);
        OffsetDateTime to = time(in, "to", LATEST);
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "'from' must be before 'to'");
        }
        in.setHeader("historyFrom", from);
        in.setHeader("historyTo", to);
        in.setHeader("historyLimit", LimitParameter.parse(in.getHeader("limit", String.class), defaultLimit, maxLimit));
    }

    private static OffsetDateTime time(Message in, String parameter, OffsetDateTime absent) {
        String text = in.getHeader(parameter, String.class);
        if (text == null || text.isBlank()) {
            return absent;
        }
        return TimeParameter.parse(parameter, text).atOffset(ZoneOffset.UTC);
    }

    public void setDefaultLimit(int defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public void setMaxLimit(int maxLimit) {
        this.maxLimit = maxLimit;
    }
}
