package io.tickflow.instrument;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a venue's instrument list is and how to read it. */
public record InstrumentSource(String exchange, URI url, Reader reader) {

    /** Reads a venue's answer row by row into rows; throws when the answer as a whole is not the expected shape. */
    @FunctionalInterface
    public interface Reader {
        void read(String exchange, JsonNode body, InstrumentRows rows);
    }

    /** The source of a venue Tickflow can load, at a URL (the public endpoint, or a test's server). */
    public static InstrumentSource of(String exchange, String url) {
        return new InstrumentSource(exchange, URI.create(url), switch (exchange) {
            case "binance" -> BinanceInstruments::spot;
            case "binance-usdm" -> BinanceInstruments::usdm;
            case "binance-coinm" -> BinanceInstruments::coinm;
            case "bitmex" -> BitmexInstruments::parse;
            case "bitfinex" -> BitfinexInstruments::parse;
            case "coinbase" -> CoinbaseInstruments::parse;
            case "kraken" -> KrakenInstruments::parse;
            default -> throw new IllegalArgumentException("no instrument loader for " + exchange);
        });
    }

    /**
     * The instruments of an answer and the rows skipped; an answer of the wrong shape, or with no
     * row that could be read, is an error (naming the first skipped row's reason).
     */
    public InstrumentRows read(JsonNode body) {
        InstrumentRows rows = new InstrumentRows();
        reader.read(exchange, body, rows);
        if (rows.instruments().isEmpty()) {
            List<String> skipped = rows.skipped();
            throw new IllegalArgumentException("no instruments in the answer" + (skipped.isEmpty() ? ""
                    : " (" + skipped.size() + " rows skipped, the first: " + skipped.get(0) + ")"));
        }
        return rows;
    }

    /** The instruments of an answer (see {@link #read}). */
    public List<InstrumentSpec> parse(JsonNode body) {
        return read(body).instruments();
    }
}
