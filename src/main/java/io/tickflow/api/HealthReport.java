package io.tickflow.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tickflow.health.Checks;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;

/**
 * GET /api/health and /api/health/ready: the readiness checks of Camel's health-check registry, the
 * ones `camel get health` and Camel's own health endpoints report: Tickflow's (kafka, questdb,
 * postgres, feed:&lt;name&gt;) each as a component, Camel's (the context, every route and consumer)
 * together as the component "routes". 200 when all are UP, 503 naming what is not. Tickflow's
 * checks run in parallel, so the answer takes at most about {@value Checks#TIMEOUT_MS} ms.
 * GET /api/health/live: the liveness checks (Camel's context), whatever the servers do.
 */
public class HealthReport implements CamelContextAware {

    private static final String CAMEL_COMPONENT = "routes";
    private static final List<String> FIRST = List.of("kafka", "questdb", "postgres");
    private static final Comparator<String> ORDER = Comparator
            .comparing((String name) -> CAMEL_COMPONENT.equals(name))
            .thenComparing(name -> FIRST.contains(name) ? FIRST.indexOf(name) : FIRST.size())
            .thenComparing(Comparator.naturalOrder());

    private CamelContext camelContext;

    public Map<String, Object> ready(Exchange exchange) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camelContext);
        Map<HealthCheck, CompletableFuture<HealthCheck.Result>> calls = new LinkedHashMap<>();
        Map<String, Object> options = Map.of(HealthCheck.CHECK_KIND, HealthCheck.Kind.READINESS);
        // Tickflow's checks wait for servers, so they run in parallel; Camel's look at its state
        registry.stream().filter(HealthCheck::isReadiness).filter(HealthCheck::isEnabled).filter(check -> !registry.isExcluded(check))
                .forEach(check -> calls.put(check, Checks.GROUP.equals(check.getGroup())
                        ? CompletableFuture.supplyAsync(() -> check.call(options))
                        : CompletableFuture.completedFuture(check.call(options))));

        Map<String, List<String>> problems = new TreeMap<>(ORDER);
        Map<String, String> notes = new LinkedHashMap<>();
        problems.put(CAMEL_COMPONENT, new ArrayList<>());
        calls.forEach((check, call) -> {
            boolean ours = Checks.GROUP.equals(check.getGroup());
            List<String> component = problems.computeIfAbsent(ours ? check.getId() : CAMEL_COMPONENT, name -> new ArrayList<>());
            String problem = problem(call);
            if (problem != null) {
                component.add(ours ? problem : check.getId() + ": " + problem);
            } else if (ours) {
                note(call).ifPresent(note -> notes.put(check.getId(), note));
            }
        });

        Map<String, Object> components = new LinkedHashMap<>();
        List<String> down = new ArrayList<>();
        problems.forEach((name, reasons) -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", reasons.isEmpty() ? "UP" : "DOWN");
            if (!reasons.isEmpty()) {
                state.put("reason", String.join("; ", reasons));
                down.add(name);
            } else if (notes.containsKey(name)) {
                // UP with something to say (instruments: a download failed, an older list is in use)
                state.put("message", notes.get(name));
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

    public Map<String, Object> live(Exchange exchange) {
        List<String> down = HealthCheckHelper.invokeLiveness(camelContext, "full").stream()
                .filter(result -> result.getState() == HealthCheck.State.DOWN)
                .map(result -> result.getCheck().getId()).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", down.isEmpty() ? "UP" : "DOWN");
        if (!down.isEmpty()) {
            body.put("camel", camelContext.getStatus().name());
            body.put("down", down);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, down.isEmpty() ? 200 : 503);
        return body;
    }

    /** Why the check is not UP, or null when it is. */
    private static String problem(CompletableFuture<HealthCheck.Result> call) {
        HealthCheck.Result result;
        try {
            // each check bounds its own wait; this only guards against one that does not
            result = call.get(2 * Checks.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Checks.reason(e);
        } catch (Exception e) {
            return Checks.reason(e);
        }
        if (result.getState() == HealthCheck.State.UP) {
            return null;
        }
        return result.getMessage().orElseGet(() -> result.getError().map(Checks::reason)
                .orElse(result.getState().name().toLowerCase()));
    }

    /** The message of a check that is UP, if it gave one (the call has completed). */
    private static java.util.Optional<String> note(CompletableFuture<HealthCheck.Result> call) {
        return call.getNow(null) == null ? java.util.Optional.empty() : call.getNow(null).getMessage();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
