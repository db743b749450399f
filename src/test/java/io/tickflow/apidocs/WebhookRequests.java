package io.tickflow.apidocs;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** Takes webhook requests on a loopback port, answering 204, and keeps them by query string. */
final class WebhookRequests implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String query, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    WebhookRequests() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            requests.add(new Request(exchange.getRequestURI().getQuery(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> requests(String query) {
        return requests.stream().filter(r -> query.equals(r.query())).toList();
    }

    Set<String> types(String query) {
        Set<String> types = new HashSet<>();
        for (Request request : requests(query)) {
            try {
                types.add(JSON.readTree(request.body()).path("type").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return types;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
