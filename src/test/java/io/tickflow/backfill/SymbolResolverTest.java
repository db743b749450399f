package io.tickflow.backfill;

import java.math.BigDecimal;
import java.util.List;

import io.tickflow.instrument.InstrumentRegistry;
import io.tickflow.instrument.InstrumentSpec;
import io.tickflow.instrument.InstrumentType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Normalized or exchange symbols, by the built-in rules; by the registry alone where it has the venue. */
class SymbolResolverTest {

    @Test
    void normalizedSymbolsFindTheExchangesSpellingByTheRules() {
        SymbolResolver resolver = new SymbolResolver();
        resolver.setRegistry(new InstrumentRegistry());
        assertEquals("BTCUSDT", raw(resolver, "binance", "BTC-USDT"));
        assertEquals("BTCUSDT", raw(resolver, "binance", "BTCUSDT"));
        assertEquals("BTCUSDT", raw(resolver, "binance-usdm", "BTC-USDT-PERP"));
        assertEquals("BTCUSDT_240329", raw(resolver, "binance-usdm", "BTC-USDT-20240329"));
        assertEquals("XBTUSD", raw(resolver, "bitmex", "BTC-USD-PERP"));
        assertEquals("tBTCUSD", raw(resolver, "bitfinex", "BTC-USD"));
        assertEquals("tBTCUST", raw(resolver, "bitfinex", "BTC-USDT"));
        assertEquals("tLINK:USD", raw(resolver, "bitfinex", "LINK-USD"));
        assertEquals("BTC-USD", raw(resolver, "coinbase", "BTC-USD"));
        assertEquals("XBT/USD", raw(resolver, "kraken", "BTC-USD"));
        assertTrue(resolver.resolve("binance", "BTC-USDT-PERP").isEmpty(), "spot Binance has no perpetual");
        assertTrue(resolver.resolve("binance", "NOPE").isEmpty());
        assertTrue(resolver.resolve("bitmex", "-").isEmpty());
    }

    @Test
    void aLoadedVenueIsDecidedByTheRegistryAlone() {
        InstrumentRegistry registry = new InstrumentRegistry();
        registry.replace("binance", List.of(InstrumentSpec.spot("binance", "ETHUSDT", "ETH", "USDT")));
        registry.replace("bitmex", List.of(new InstrumentSpec("bitmex", "XBTUSDT", "XBT", "USDT", "USDT", InstrumentType.PERPETUAL,
                null, new BigDecimal("0.000001"), false, null, null)));
        SymbolResolver resolver = new SymbolResolver();
        resolver.setRegistry(registry);
        assertEquals("ETHUSDT", raw(resolver, "binance", "ETH-USDT"));
        assertTrue(resolver.resolve("binance", "BTC-USDT").isEmpty(), "not listed: it does not exist");
        assertEquals("XBTUSDT", raw(resolver, "bitmex", "BTC-USDT-PERP"));
        assertEquals(new BigDecimal("0.000001"), resolver.resolve("bitmex", "XBTUSDT").orElseThrow().contractSize());
    }

    private static String raw(SymbolResolver resolver, String exchange, String symbol) {
        return resolver.resolve(exchange, symbol).orElseThrow(() -> new AssertionError(exchange + " " + symbol)).rawSymbol();
    }
}
