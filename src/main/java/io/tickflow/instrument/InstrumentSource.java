package io.tickflow.instrument;

import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a venue's instrument list is and how to read it. */
public record InstrumentSource(String exchange, URI url, BiFunction<String, JsonNode, List<InstrumentSpec>> parser) {

    /** The source of a venue Tickflow can load, at a URL (the public endpoint, or a test's server). */
    public static InstrumentSource of(String exchange, String url) {
        return new InstrumentSource(exchange, URI.create(url), switch (exchange) {
            case "binance" -> BinanceInstruments::spot;
            case "binance-usdm" -> BinanceInstruments::usdm;
            case "binance-coinm" -> BinanceInstruments::coinm;
            case "bitmex" -> BitmexInstruments::parse;
            default -> throw new IllegalArgumentException("no instrument loader for " + exchange);
        });
    }

    public List<InstrumentSpec> parse(JsonNode body) {
        List<InstrumentSpec> found = parser.apply(exchange, body);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no instruments in the answer");
        }
        return found;
    }
}
