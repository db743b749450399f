package io.tickflow.venue;

import java.math.BigDecimal;
import java.util.function.BiFunction;

import io.tickflow.event.MarketEvents.Amounts;
import io.tickflow.event.MarketEvents.Instrument;
import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.instrument.InstrumentSpec;

/**
 * The instruments of one exchange as its normalizers see them: the registry's entry where it has
 * one, else the built-in rules ({@link InstrumentRules}); and sizes in the base asset from them.
 */
public final class Instruments {

    private final String exchange;
    private final InstrumentLookup registry;
    private final BiFunction<String, String, InstrumentSpec> rules;

    private Instruments(String exchange, InstrumentLookup registry, BiFunction<String, String, InstrumentSpec> rules) {
        this.exchange = exchange;
        this.registry = registry;
        this.rules = rules;
    }

    /** The instruments of a feed's exchange (binance, binance-usdm, binance-coinm, bitmex, bitfinex, coinbase, kraken). */
    public static Instruments of(String exchange, InstrumentLookup registry) {
        return new Instruments(exchange, registry, switch (exchange) {
            case "binance" -> InstrumentRules::binanceSpot;
            case "binance-usdm" -> InstrumentRules::binanceUsdm;
            case "binance-coinm" -> InstrumentRules::binanceCoinm;
            case "bitmex" -> InstrumentRules::bitmex;
            case "bitfinex" -> InstrumentRules::bitfinex;
            case "coinbase" -> (ex, raw) -> InstrumentRules.separated(ex, raw, "-");
            case "kraken" -> (ex, raw) -> InstrumentRules.separated(ex, raw, "/");
            default -> throw new IllegalArgumentException("unknown exchange " + exchange);
        });
    }

    public String exchange() {
        return exchange;
    }

    /** The instrument of an exchange symbol; an unknown one is a bad frame (or row). */
    public InstrumentSpec spec(String rawSymbol) {
        if (rawSymbol == null || rawSymbol.isBlank()) {
            throw new BadFrame("missing symbol");
        }
        return registry.find(exchange, rawSymbol).orElseGet(() -> rules.apply(exchange, rawSymbol));
    }

    /** The symbol pair of an event. */
    public Instrument instrument(String rawSymbol) {
        return instrument(spec(rawSymbol));
    }

    static Instrument instrument(InstrumentSpec spec) {
        return new Instrument(spec.rawSymbol(), spec.symbol());
    }

    /**
     * A size as the exchange sent it, in the base asset by the contract size (none where unknown),
     * and in the quote asset where an inverse contract fixes it.
     */
    static Amounts amounts(InstrumentSpec spec, BigDecimal amount, BigDecimal price) {
        return new Amounts(amount, spec.baseAmount(amount, price), spec.quoteAmount(amount));
    }
}
