package io.tickflow.apidocs;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes a document self-contained: each reference to a schema file ({@code "$ref": "schemas/trade.json"},
 * relative to the file that holds it) becomes a reference to {@code #/components/schemas/trade}, where
 * the file's schema is copied. OpenAPI 3.1 and AsyncAPI 3.0 both keep schemas there, so each event
 * schema is written once, in its own file, and both documents are served whole.
 */
public final class SchemaBundle {

    private final ObjectNode schemas;
    /** Schema name -> the file it was copied from. */
    private final Map<String, URI> files = new HashMap<>();

    private SchemaBundle(ObjectNode document) {
        this.schemas = document.withObject("/components").withObject("/schemas");
    }

    /**
     * Inlines the schema files a document refers to; {@code location} is the document's classpath
     * path, against which its references are resolved.
     */
    public static ObjectNode bundle(ObjectNode document, String location) {
        new SchemaBundle(document).inline(document, URI.create(location));
        return document;
    }

    private void inline(JsonNode node, URI base) {
        if (node.isArray()) {
            node.forEach(item -> inline(item, base));
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        JsonNode ref = object.get("$ref");
        if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
            object.put("$ref", "#/components/schemas/" + add(base.resolve(ref.asText())));
        }
        // a copy: inlining adds to components/schemas, which may be the object walked here
        List<JsonNode> children = new ArrayList<>();
        object.elements().forEachRemaining(children::add);
        children.forEach(child -> inline(child, base));
    }

    /** Copies a schema file into components/schemas under its file name (without .json); returns that name. */
    private String add(URI file) {
        String path = file.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.json$", "");
        URI known = files.get(name);
        if (known != null && known.equals(file)) {
            return name;
        }
        if (known != null || schemas.has(name)) {
            throw new IllegalStateException("Two schemas named " + name + ": " + file + " and " + (known != null ? known
                    : "one written in the document"));
        }
        files.put(name, file);
        ObjectNode schema = JsonResources.read(path);
        schemas.set(name, schema);
        inline(schema, file);
        return name;
    }
}
