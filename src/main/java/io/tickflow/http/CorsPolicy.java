package io.tickflow.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tickflow.StartupFailure;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the origins in tickflow.http.cors-origins, so that pages served elsewhere can call the
 * API. A request from one of them gets {@code Access-Control-Allow-Origin} (the origin as
 * configured, or {@code *}) and may read Tickflow's response headers; its preflight (OPTIONS with
 * {@code Access-Control-Request-Method}) on a served path is answered 204 with that path's methods
 * and the headers a call may send (Authorization, Content-Type). Any other origin gets no
 * Access-Control-* header, so browsers refuse its pages the answer, but the request is served as
 * without CORS: a page of Tickflow's own origin, a WebSocket handshake or curl send an Origin too.
 * Camel's CORS (camel.server.cors) is not used: it sends Access-Control-Allow-Credentials to every
 * origin, allowed or not, echoes the requested methods and headers, and takes an empty list as "any".
 */
final class CorsPolicy implements Handler<RoutingContext> {

    static final String PROPERTY = "tickflow.http.cors-origins";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    /** Response headers Tickflow sets that a page may need; the rest of ResponseHeaderPolicy's list is readable anyway. */
    private static final String EXPOSED_HEADERS = "Content-Disposition, Location, Retry-After, WWW-Authenticate";
    /** Seconds a browser may reuse a preflight's answer. */
    private static final String MAX_AGE = "600";

    /** Serialized origins (as browsers send them); empty when any origin is allowed. */
    private final Set<String> origins;
    private final Router routes;

    private CorsPolicy(Set<String> origins, Router routes) {
        this.origins = origins;
        this.routes = routes;
    }

    /**
     * The policy of a tickflow.http.cors-origins value (comma-separated {@code scheme://host[:port]},
     * or {@code *}), or none when it is empty; {@code routes} tells a preflight the methods of a path.
     */
    static Optional<CorsPolicy> of(String setting, Router routes) {
        Set<String> entries = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        if (entries.contains("*")) {
            if (entries.size() > 1) {
                throw new StartupFailure(PROPERTY + " is either * or a list of origins, not both: " + setting, null);
            }
            return Optional.of(new CorsPolicy(Set.of(), routes));
        }
        return Optional.of(new CorsPolicy(entries.stream().map(CorsPolicy::origin).collect(Collectors.toUnmodifiableSet()), routes));
    }

    /** An origin as a browser serializes it: lower-case scheme and host, no default port. */
    private static String origin(String entry) {
        try {
            URI uri = new URI(entry);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(entry, "not an origin");
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            throw new StartupFailure(PROPERTY + ": '" + entry + "' is not an origin (scheme://host[:port], no path), nor *", e);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!origins.isEmpty()) {
            // the answer depends on the Origin: caches must keep one per origin
            response.headers().add(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        }
        if (origin == null || !(origins.isEmpty() || origins.contains(origin))) {
            ctx.next();
            return;
        }
        // written from the configuration, not from the request
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origins.isEmpty() ? "*"
                : origins.stream().filter(origin::equals).findFirst().orElseThrow());
        if (request.method() == HttpMethod.OPTIONS && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            Set<HttpMethod> methods = AllowedMethods.on(routes, ctx.normalizedPath());
            if (!methods.isEmpty()) {
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, AllowedMethods.text(methods))
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE)
                        .setStatusCode(204).end();
                return;
            }
        } else {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        ctx.next();
    }
}
