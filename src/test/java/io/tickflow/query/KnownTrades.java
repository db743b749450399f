package io.tickflow.query;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.tickflow.event.EventTime;

/** A known trade history (over the last 17 hours) and the answers expected from it, computed here. */
final class KnownTrades {

    record Trade(String id, String symbol, BigDecimal volume, Instant time) {
    }

    static final List<String> SYMBOLS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT");

    final List<Trade> trades = new ArrayList<>();

    KnownTrades(Instant now) {
        // 29 minutes apart, so no trade sits within a minute of the 45 min, 6 h or 12 h boundaries
        for (int i = 0; i < 36; i++) {
            trades.add(new Trade("t" + i, SYMBOLS.get((i / 2) % 3), new BigDecimal("0.007").multiply(BigDecimal.valueOf(i + 1)),
                    now.minus(Duration.ofMinutes(3 + 29L * i)).truncatedTo(ChronoUnit.MICROS)));
        }
    }

    void insertInto(Connection connection, String table) throws Exception {
        try (connection; PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (trade_id, symbol, trade_volume, timestamp, exchange, price, side) VALUES (?, ?, ?, ?, 'binance', 100, 'buy')")) {
            // one transaction, so the statistics job never sees half of the history
            connection.setAutoCommit(false);
            for (Trade trade : trades) {
                insert.setString(1, trade.id());
                insert.setString(2, trade.symbol());
                insert.setBigDecimal(3, trade.volume());
                insert.setObject(4, OffsetDateTime.ofInstant(trade.time(), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    List<Trade> since(Instant from) {
        return trades.stream().filter(t -> !t.time().isBefore(from)).toList();
    }

    /** Rows of symbol, count, summed volume, by symbol. */
    static List<List<String>> perSymbol(List<Trade> trades, boolean withCount, boolean withVolume) {
        Map<String, List<Trade>> bySymbol = trades.stream().collect(Collectors.groupingBy(Trade::symbol, TreeMap::new, Collectors.toList()));
        List<List<String>> rows = new ArrayList<>();
        bySymbol.forEach((symbol, list) -> {
            List<String> row = new ArrayList<>(List.of(symbol));
            if (withCount) {
                row.add(String.valueOf(list.size()));
            }
            if (withVolume) {
                row.add(plain(sum(list)));
            }
            rows.add(row);
        });
        return rows;
    }

    /** symbol, hour_start, count, volume for each completed hour from 12 hours before now's hour. */
    List<List<String>> hourlyLast12Hours(Instant now) {
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        Predicate<Trade> inRange = t -> !t.time().isBefore(currentHour.minus(Duration.ofHours(12))) && t.time().isBefore(currentHour);
        Map<String, List<Trade>> groups = trades.stream().filter(inRange).collect(Collectors.groupingBy(
                t -> EventTime.format(t.time().truncatedTo(ChronoUnit.HOURS)) + " " + t.symbol(), TreeMap::new, Collectors.toList()));
        List<List<String>> rows = new ArrayList<>();
        groups.forEach((key, list) -> rows.add(List.of(list.get(0).symbol(), key.split(" ")[0],
                String.valueOf(list.size()), plain(sum(list)))));
        return rows;
    }

    List<List<String>> topByVolume(int n) {
        return perSymbol(trades, true, true).stream()
                .map(r -> List.of(r.get(0), r.get(2), r.get(1)))
                .sorted(Comparator.comparing((List<String> r) -> new BigDecimal(r.get(1))).reversed())
                .limit(n).toList();
    }

    static BigDecimal sum(List<Trade> trades) {
        return trades.stream().map(Trade::volume).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
