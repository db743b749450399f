package io.tickflow.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a free loopback port: records every request with whether its signature
 * verifies, and answers as told (fail the next N requests, always fail, answer slowly).
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String id, long timestamp, String body, boolean signatureValid) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final WebhookSigner signer = new WebhookSigner();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile String retryAfter;
    private volatile long delayMs;
    private volatile String secret;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secret signatures are checked with (the one POST /api/webhooks returned). */
    void secret(String secret) {
        this.secret = secret;
    }

    /** The next {@code count} requests get {@code status}. */
    void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    void failAlways(int status) {
        failNext(Integer.MAX_VALUE, status);
    }

    void retryAfter(String header) {
        retryAfter = header;
    }

    void recover() {
        failuresLeft.set(0);
    }

    void answerAfter(long delayMs) {
        this.delayMs = delayMs;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Requests answered with a success. */
    List<Received> accepted() {
        return new ArrayList<>(accepted);
    }

    int answeredCount() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean valid = secret != null && signer.verify(secret, id, timestamp, body, signature);
            Received request = new Received(id, timestamp, body, valid);
            received.add(request);
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            int status = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? failureStatus : 204;
            if (status == 204) {
                accepted.add(request);
            }
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", url() + "/elsewhere");
            }
            if (retryAfter != null && status != 204) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            answered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
