package io.tickflow.api;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickflow.storage.KafkaAdmins;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.admin.Admin;

/**
 * GET /api/health: the state of Kafka, QuestDB, PostgreSQL and the routes. 200 when all are up,
 * 503 naming what is down. Checks run in parallel, each bounded by a timeout.
 */
public class HealthReport implements CamelContextAware, AutoCloseable {

    private static final long TIMEOUT_MS = 3000;

    private CamelContext camelContext;
    private DataSource postgres;
    private DataSource questdb;
    private String brokers;
    private Admin admin;

    public Map<String, Object> check(Exchange exchange) {
        Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
        checks.put("kafka", async(this::kafka));
        checks.put("questdb", async(() -> database(questdb)));
        checks.put("postgres", async(() -> database(postgres)));
        checks.put("routes", CompletableFuture.completedFuture(routes()));

        Map<String, Object> components = new LinkedHashMap<>();
        List<String> down = new java.util.ArrayList<>();
        checks.forEach((name, future) -> {
            String problem;
            try {
                problem = future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                problem = "no answer within " + TIMEOUT_MS + " ms";
            } catch (Exception e) {
                problem = rootMessage(e);
            }
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", problem == null ? "UP" : "DOWN");
            if (problem != null) {
                state.put("reason", problem);
                down.add(name);
            }
            components.put(name, state);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", down.isEmpty() ? "UP" : "DOWN");
        if (!down.isEmpty()) {
            body.put("down", down);
        }
        body.put("components", components);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, down.isEmpty() ? 200 : 503);
        return body;
    }

    private static CompletableFuture<String> async(Supplier<String> check) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return check.get();
            } catch (RuntimeException e) {
                return rootMessage(e);
            }
        });
    }

    private String kafka() {
        try {
            admin().describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return null;
        } catch (Exception e) {
            return rootMessage(e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = KafkaAdmins.create(brokers, TIMEOUT_MS);
        }
        return admin;
    }

    private static String database(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) (TIMEOUT_MS / 1000));
            statement.execute("SELECT 1");
            return null;
        } catch (Exception e) {
            return rootMessage(e);
        }
    }

    private String routes() {
        List<String> notStarted = camelContext.getRoutes().stream()
                .filter(route -> route.isAutoStartup())
                .map(Route::getRouteId)
                .filter(id -> camelContext.getRouteController().getRouteStatus(id) != ServiceStatus.Started)
                .toList();
        return notStarted.isEmpty() ? null : "not started: " + String.join(", ", notStarted);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setPostgres(DataSource postgres) {
        this.postgres = postgres;
    }

    public void setQuestdb(DataSource questdb) {
        this.questdb = questdb;
    }

    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }
}
