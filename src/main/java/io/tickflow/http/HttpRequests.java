package io.tickflow.http;

import io.vertx.core.http.HttpServerRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/** The HTTP request behind an exchange of a REST route, for what its message headers cannot tell apart. */
public final class HttpRequests {

    private HttpRequests() {
    }

    /** The request, or null when the exchange did not come from the HTTP server. */
    public static HttpServerRequest of(Exchange exchange) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        return message == null ? null : message.getRequest();
    }

    /** A header the client sent as a header (never a query parameter of the same name), or null. */
    public static String header(Exchange exchange, String name) {
        HttpServerRequest request = of(exchange);
        return request == null ? null : request.getHeader(name);
    }
}
