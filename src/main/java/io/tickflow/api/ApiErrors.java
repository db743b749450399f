package io.tickflow.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the JSON error body of a failed request; never a stack trace. */
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    public Map<String, Object> body(Exchange exchange) {
        Map<String, Object> body = of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class),
                exchange.getMessage().getHeader(Exchange.HTTP_URI));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, body.get("status"));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return body;
    }

    /** The body for {@code cause}, a failure of the request to {@code uri}; its "status" is the response's. */
    public static Map<String, Object> of(Exception cause, Object uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        int status;
        if (cause instanceof ApiException api) {
            status = api.getStatus();
            body.put("error", api.getError());
            if (api.getParameter() != null) {
                body.put("parameter", api.getParameter());
            }
            body.put("message", api.getMessage());
        } else {
            status = 500;
            LOG.error("Request {} failed", uri, cause);
            body.put("error", "internal_error");
            body.put("message", "The request failed inside Tickflow; the server log has the details.");
        }
        body.put("status", status);
        return body;
    }
}
