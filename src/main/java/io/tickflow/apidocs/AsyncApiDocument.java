package io.tickflow.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * GET /api/asyncapi.json: resources/asyncapi.json (the Kafka topics, the WebSocket and the SSE
 * stream) as this instance runs it: the version of tickflow.api.version, each channel at the
 * address its x-tickflow-address resolves to (the topic or path properties), and the event schemas
 * of resources/schemas/ inlined.
 */
public class AsyncApiDocument implements CamelContextAware {

    static final String SOURCE = "asyncapi.json";
    static final String ADDRESS = "x-tickflow-address";

    private CamelContext camelContext;
    private String version = "";
    private volatile ObjectNode document;

    /** The document; the same for the life of the instance, so it is built once. */
    public ObjectNode document() {
        if (document == null) {
            ObjectNode built = JsonResources.read(SOURCE);
            built.withObject("/info").put("version", version);
            for (JsonNode channel : built.path("channels")) {
                if (channel.has(ADDRESS)) {
                    ((ObjectNode) channel).put("address", camelContext.resolvePropertyPlaceholders(channel.get(ADDRESS).asText()));
                }
            }
            document = SchemaBundle.bundle(built, SOURCE);
        }
        return document;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
