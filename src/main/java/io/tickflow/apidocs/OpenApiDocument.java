package io.tickflow.apidocs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.query.QueryOpenApi;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * GET /api/openapi.json: resources/openapi-base.json (info, servers, tags, the response and webhook
 * schemas) with the paths of the REST DSL routes as they run and of the named queries as loaded,
 * and the event schemas of resources/schemas/ inlined. Built on each request, since the queries
 * file can change at any time. The named queries come from the {@link QueryOpenApi} bean, looked up
 * when needed: it is defined with the queries, in a file read after this one's.
 */
public class OpenApiDocument implements CamelContextAware {

    static final String BASE = "openapi-base.json";

    private CamelContext camelContext;
    private String version = "";

    public ObjectNode document() {
        ObjectNode document = JsonResources.read(BASE);
        document.withObject("/info").put("version", version);
        RestOperations rest = new RestOperations(camelContext);
        ObjectNode paths = document.putObject("paths");
        rest.addTo(paths);
        camelContext.getRegistry().findSingleByType(QueryOpenApi.class).addTo(paths);
        document.withObject("/components").set("securitySchemes", rest.securitySchemes());
        return SchemaBundle.bundle(document, BASE);
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
