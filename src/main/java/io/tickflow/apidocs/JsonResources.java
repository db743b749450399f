package io.tickflow.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON files of the classpath (the documents and schemas under resources/). */
public final class JsonResources {

    public static final ObjectMapper JSON = new ObjectMapper();

    private JsonResources() {
    }

    /** The JSON object in a classpath file such as {@code schemas/trade.json}. */
    public static ObjectNode read(String path) {
        try (InputStream in = JsonResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No classpath file " + path);
            }
            JsonNode node = JSON.readTree(in);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalStateException(path + " does not hold a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }
}
