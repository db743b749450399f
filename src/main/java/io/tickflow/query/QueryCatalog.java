package io.tickflow.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.StartupFailure;
import io.tickflow.api.ApiException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named queries being served, read from one or more queries files (later files add queries
 * or replace same-named ones). {@link #reloadIfChanged()} re-reads them; a file that does not
 * parse or check is refused as a whole and the previous queries stay served.
 */
public class QueryCatalog implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(QueryCatalog.class);

    private CamelContext camelContext;
    private String files;
    private volatile Map<String, NamedQuery> queries = Map.of();
    private volatile Map<String, String> loadedText;
    private volatile Map<String, String> refusedText;
    private volatile String reloadError;
    private volatile Instant loadedAt;

    /** Loads at start; a file that cannot be read or does not check stops Tickflow, with one line saying why. */
    public void load() {
        Map<String, String> text;
        try {
            text = readAll();
            queries = parse(text);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new StartupFailure("Queries file refused: " + StartupFailure.oneLine(reason) + " (tickflow.queries.files)", e);
        }
        loadedText = text;
        loadedAt = Instant.now();
        LOG.info("Serving {} named queries from {}", queries.size(), files);
    }

    public synchronized void reloadIfChanged() {
        Map<String, String> text;
        try {
            text = readAll();
        } catch (IOException | RuntimeException e) {
            refuse(null, "cannot read " + files + ": " + e.getMessage());
            return;
        }
        if (text.equals(loadedText) || text.equals(refusedText)) {
            return;
        }
        try {
            queries = parse(text);
            loadedText = text;
            loadedAt = Instant.now();
            reloadError = null;
            refusedText = null;
            LOG.info("Queries file changed: now serving {} named queries from {}", queries.size(), files);
        } catch (RuntimeException e) {
            refuse(text, e.getMessage());
        }
    }

    private void refuse(Map<String, String> text, String reason) {
        if (!reason.equals(reloadError)) {
            LOG.warn("Queries file refused, still serving the previous {} queries: {}", queries.size(), reason);
        }
        refusedText = text;
        reloadError = reason;
    }

    private Map<String, NamedQuery> parse(Map<String, String> texts) {
        Map<String, NamedQuery> all = new LinkedHashMap<>();
        texts.forEach((location, text) -> {
            try {
                all.putAll(QueryFileParser.parse(text, camelContext::resolvePropertyPlaceholders));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(location + ": " + e.getMessage(), e);
            }
        });
        return Map.copyOf(all);
    }

    public NamedQuery find(String name) {
        NamedQuery query = queries.get(name);
        if (query == null) {
            throw ApiException.notFound("Unknown query '" + name + "'; known queries: " + String.join(", ", names()));
        }
        return query;
    }

    /** The database a query runs on ("postgres", "questdb"), null for a name not served. */
    public String targetOf(String name) {
        NamedQuery query = name == null ? null : queries.get(name);
        return query == null ? null : query.target();
    }

    public boolean knows(String name) {
        return name != null && queries.containsKey(name);
    }

    public List<String> names() {
        return queries.keySet().stream().sorted().toList();
    }

    public List<NamedQuery> all() {
        return names().stream().map(queries::get).toList();
    }

    /** The body of GET /api/queries: every query with its parameters, and the state of the file. */
    public Map<String, Object> describe() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NamedQuery query : all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", query.name());
            entry.put("description", query.description());
            entry.put("target", query.target());
            entry.put("parameters", query.parameters().stream().map(QueryCatalog::describe).toList());
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("queries", list);
        body.put("count", list.size());
        body.put("files", locations());
        body.put("loadedAt", String.valueOf(loadedAt));
        if (reloadError != null) {
            body.put("reloadError", reloadError);
        }
        return body;
    }

    private static Map<String, Object> describe(QueryParameter parameter) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", parameter.name());
        entry.put("type", parameter.type().yamlName());
        entry.put("required", parameter.required());
        if (parameter.description() != null) {
            entry.put("description", parameter.description());
        }
        if (parameter.defaultValue() != null) {
            entry.put("default", parameter.defaultValue());
        }
        if (parameter.min() != null) {
            entry.put("min", parameter.min());
        }
        if (parameter.max() != null) {
            entry.put("max", parameter.max());
        }
        if (!parameter.allowed().isEmpty()) {
            entry.put("allowed", parameter.allowed());
        }
        entry.put("expected", parameter.expected());
        return entry;
    }

    public String reloadError() {
        return reloadError;
    }

    /** The text of each file, by location, read once so a reload parses exactly what it compared. */
    private Map<String, String> readAll() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String location : locations()) {
            texts.put(location, read(location));
        }
        return texts;
    }

    private String read(String location) throws IOException {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(camelContext, location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> locations() {
        return Arrays.stream(files.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    public void setFiles(String files) {
        this.files = files;
    }
}
