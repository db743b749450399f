package io.tickflow.http;

import java.util.function.Consumer;

import io.vertx.ext.web.Router;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Adds handlers to the REST server's Vert.x router, for what the REST DSL cannot serve (WebSocket
 * upgrades, unbounded responses, static files). The router exists once Camel has started.
 */
public final class VertxRouters {

    private VertxRouters() {
    }

    /**
     * Calls {@code attach} with the router of the server on {@code port} once Camel has started,
     * if {@code bean} is the instance bound in the registry: the route files may be read more than
     * once, leaving stale instances of a bean that must not serve.
     */
    public static void onStarted(CamelContext camelContext, int port, Object bean, Consumer<Router> attach) throws Exception {
        camelContext.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (context.getRegistry().findByType(bean.getClass()).stream().noneMatch(bound -> bound == bean)) {
                    return;
                }
                attach.accept(VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port)));
            }
        });
    }
}
