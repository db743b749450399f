package io.tickflow.instrument;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The last good instrument list of each venue on disk ({@code <dir>/<exchange>.json}), so that a
 * start without internet has the registry of the last run. Written to a temporary file and moved,
 * so a crash mid-write leaves the previous list.
 */
public final class InstrumentCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public InstrumentCache(Path dir) {
        this.dir = dir;
    }

    public void write(String exchange, List<InstrumentSpec> instruments) throws IOException {
        ArrayNode list = JSON.createArrayNode();
        for (InstrumentSpec s : instruments) {
            ObjectNode o = list.addObject();
            o.put("rawSymbol", s.rawSymbol()).put("base", s.base()).put("quote", s.quote()).put("settle", s.settle())
                    .put("type", s.type().name()).put("expiry", s.expiry() == null ? null : s.expiry().toString())
                    .put("contractSize", text(s.contractSize())).put("inverse", s.inverse())
                    .put("tickSize", text(s.tickSize())).put("lotSize", text(s.lotSize()));
        }
        Files.createDirectories(dir);
        Path temporary = dir.resolve(exchange + ".json.tmp");
        JSON.writeValue(temporary.toFile(), list);
        Files.move(temporary, file(exchange), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The cached list, or nothing when there is none; a damaged file is an error. */
    public Optional<List<InstrumentSpec>> read(String exchange) throws IOException {
        Path file = file(exchange);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<InstrumentSpec> found = new ArrayList<>();
        for (JsonNode o : JSON.readTree(file.toFile())) {
            String expiry = o.path("expiry").asText(null);
            found.add(new InstrumentSpec(exchange, o.path("rawSymbol").asText(), o.path("base").asText(), o.path("quote").asText(),
                    o.path("settle").asText(null), InstrumentType.valueOf(o.path("type").asText()),
                    expiry == null ? null : LocalDate.parse(expiry), decimal(o, "contractSize"), o.path("inverse").asBoolean(),
                    decimal(o, "tickSize"), decimal(o, "lotSize")));
        }
        return Optional.of(found);
    }

    public Path file(String exchange) {
        return dir.resolve(exchange + ".json");
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal decimal(JsonNode o, String field) {
        String text = o.path(field).asText(null);
        return text == null ? null : new BigDecimal(text);
    }
}
