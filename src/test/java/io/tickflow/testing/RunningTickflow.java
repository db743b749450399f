package io.tickflow.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.tickflow.Tickflow;
import org.apache.camel.CamelContext;

/** Tickflow started the way the jar starts it, on its own thread, with test properties. */
public final class RunningTickflow implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Tickflow tickflow;
    private final Thread thread;
    private final int httpPort;
    private volatile Throwable failure;

    private RunningTickflow(Map<String, String> properties) throws IOException {
        Map<String, String> all = new HashMap<>(properties);
        httpPort = Ports.free();
        all.put("tickflow.http.port", String.valueOf(httpPort));
        all.put("tickflow.http.host", "127.0.0.1");
        tickflow = new Tickflow(all);
        thread = new Thread(() -> {
            try {
                tickflow.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, "tickflow-under-test");
        thread.start();
    }

    /** Starts Tickflow and waits until Camel has started all routes. */
    public static RunningTickflow start(Map<String, String> properties) throws Exception {
        RunningTickflow running = new RunningTickflow(properties);
        Await.until(Duration.ofSeconds(60), "Tickflow to start", () -> {
            if (running.failure != null) {
                throw new AssertionError("Tickflow failed to start", running.failure);
            }
            CamelContext context = running.tickflow.camelContext();
            return context != null && context.isStarted();
        });
        return running;
    }

    public int port() {
        return httpPort;
    }

    public CamelContext camelContext() {
        return tickflow.camelContext();
    }

    /** The address of a path on Tickflow's HTTP server. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Stops Camel and waits for the stop to complete, as Ctrl-C does. */
    @Override
    public void close() throws InterruptedException {
        tickflow.stop();
        thread.join(Duration.ofSeconds(60).toMillis());
    }

}
