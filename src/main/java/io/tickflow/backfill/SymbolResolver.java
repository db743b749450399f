package io.tickflow.backfill;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tickflow.instrument.InstrumentLookup;
import io.tickflow.instrument.InstrumentRegistry;
import io.tickflow.instrument.InstrumentSpec;
import io.tickflow.venue.BadFrame;
import io.tickflow.venue.Instruments;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The instrument of a symbol as a user gives it, normalized (BTC-USDT, BTC-USD-PERP) or the
 * exchange's own (BTCUSDT, XBTUSD). Where the instrument registry has loaded the venue it decides
 * alone (a symbol it does not list does not exist); else the feeds' built-in symbol rules read
 * the exchange's spelling of the normalized symbol, and it must read back as that symbol.
 */
public class SymbolResolver implements CamelContextAware {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd");

    private CamelContext camelContext;
    private InstrumentRegistry registry;

    public Optional<InstrumentSpec> resolve(String exchange, String symbol) {
        InstrumentRegistry registry = registry();
        if (registry.knowsVenue(exchange)) {
            return registry.find(exchange, symbol).or(() -> registry.instruments(exchange).stream()
                    .filter(spec -> spec.symbol().equals(symbol)).findFirst());
        }
        Instruments rules = Instruments.of(exchange, InstrumentLookup.NONE);
        List<String> candidates = new ArrayList<>(List.of(symbol));
        candidates.addAll(spellings(exchange, symbol));
        for (String raw : candidates) {
            try {
                InstrumentSpec spec = rules.spec(raw);
                if (raw.equals(symbol) ? !raw.contains("-") || spec.symbol().equals(symbol) : spec.symbol().equals(symbol)) {
                    return Optional.of(spec);
                }
            } catch (BadFrame | IllegalArgumentException e) {
                // not this spelling
            }
        }
        return Optional.empty();
    }

    /** The exchange's spellings of a normalized symbol BASE-QUOTE[-PERP|-YYYYMMDD]. */
    static List<String> spellings(String exchange, String symbol) {
        String[] parts = symbol.split("-", -1);
        if (parts.length < 2 || parts.length > 3) {
            return List.of();
        }
        String base = parts[0];
        String quote = parts[1];
        String kind = parts.length == 3 ? parts[2] : "SPOT";
        return switch (exchange) {
            case "binance" -> kind.equals("SPOT") ? List.of(base + quote) : List.of();
            case "binance-usdm" -> kind.equals("PERP") ? List.of(base + quote)
                    : kind.equals("SPOT") ? List.of() : expiry(kind).map(day -> List.of(base + quote + "_" + day.format(YYMMDD)))
                            .orElse(List.of());
            case "bitmex" -> {
                String b = base.equals("BTC") ? "XBT" : base;
                yield kind.equals("PERP") ? List.of(b + quote) : kind.equals("SPOT") ? List.of(b + "_" + quote) : List.of();
            }
            case "bitfinex" -> {
                String q = quote.equals("USDT") ? "UST" : quote;
                if (kind.equals("PERP")) {
                    yield List.of("t" + base + "F0:" + q + "F0");
                }
                yield kind.equals("SPOT") ? List.of("t" + base + q, "t" + base + ":" + q) : List.of();
            }
            case "coinbase" -> kind.equals("SPOT") ? List.of(base + "-" + quote) : List.of();
            case "kraken" -> kind.equals("SPOT") ? List.of((base.equals("BTC") ? "XBT" : base) + "/" + quote) : List.of();
            default -> List.of();
        };
    }

    private static Optional<LocalDate> expiry(String text) {
        try {
            return Optional.of(LocalDate.parse(text, YYYYMMDD));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The registry set, else the running Tickflow's (defined in a routes file read after this one's). */
    private synchronized InstrumentRegistry registry() {
        if (registry == null) {
            registry = camelContext == null ? new InstrumentRegistry()
                    : camelContext.getRegistry().findSingleByType(InstrumentRegistry.class);
        }
        return registry;
    }

    public synchronized void setRegistry(InstrumentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
