package io.tickflow.http;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which message headers cross the HTTP boundary. platform-http turns request headers and query
 * parameters alike into message headers and writes the message's headers back as the response's,
 * so without this a query parameter such as {@code ?Set-Cookie=a%3Db} became a response header.
 * <ul>
 * <li>Out: only the headers Tickflow means to send ({@link #RESPONSE_HEADERS}); everything else on
 * the message (request data, internal headers such as {@code historyLimit}) stays inside.</li>
 * <li>In: nothing that could pass as one of those response headers, no Camel header, and no
 * {@code Authorization} (the API key guard reads the real request header, so a key put in the
 * URL, where proxies and access logs keep it, is never taken).</li>
 * </ul>
 * Since no request data can fill a response header, whatever passes out was set by Tickflow.
 */
public class ResponseHeaderPolicy implements HeaderFilterStrategy {

    /** The response headers Tickflow's routes set, lower case. */
    static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "www-authenticate", "retry-after", "location",
            "content-disposition", "cache-control");
    private static final Set<String> DROPPED_REQUEST_HEADERS = Set.of("authorization");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(lower(headerName));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = lower(headerName);
        return RESPONSE_HEADERS.contains(name) || DROPPED_REQUEST_HEADERS.contains(name) || name.startsWith("camel")
                || name.startsWith("org.apache.camel");
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
