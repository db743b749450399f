package io.tickflow.http;

import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/**
 * The methods a router's routes take on a path, for the {@code Allow} of a 405 and the methods of a
 * CORS preflight. Vert.x knows them when it answers 405, but not for routes of a mounted router
 * (Camel's), so they are matched here the way Vert.x matches paths: {@code :name} is one segment,
 * a path that ended in {@code *} is a prefix, a final slash does not count.
 */
final class AllowedMethods {

    /** Vert.x's path parameter token (RouteImpl's RE_TOKEN_SEARCH). */
    private static final Pattern TOKEN = Pattern.compile(":[A-Za-z0-9_]+");

    private AllowedMethods() {
    }

    /** The methods of the routes that serve {@code path}, in name order; empty when none names its methods. */
    static Set<HttpMethod> on(Router router, String path) {
        Set<HttpMethod> methods = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty() && matches(route, path)) {
                methods.addAll(route.methods());
            }
        }
        return methods;
    }

    /**
     * The {@code Allow} header's value: the methods and OPTIONS, which Tickflow answers on every
     * served path, and HEAD where GET is (TickflowHttpServer answers it as GET without the body).
     */
    static String allowHeader(Set<HttpMethod> methods) {
        Set<HttpMethod> all = new TreeSet<>(Comparator.comparing(HttpMethod::name));
        all.addAll(methods);
        all.add(HttpMethod.OPTIONS);
        if (methods.contains(HttpMethod.GET)) {
            all.add(HttpMethod.HEAD);
        }
        return text(all);
    }

    static String text(Set<HttpMethod> methods) {
        return methods.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
    }

    private static boolean matches(Route route, String path) {
        String routePath = route.getPath();
        StringBuilder regex = new StringBuilder();
        Matcher token = TOKEN.matcher(routePath);
        int end = 0;
        while (token.find()) {
            regex.append(Pattern.quote(routePath.substring(end, token.start()))).append("[^/]+");
            end = token.end();
        }
        regex.append(Pattern.quote(routePath.substring(end))).append(route.isExactPath() ? "/?" : ".*");
        return path != null && path.matches(regex.toString());
    }
}
