package io.tickflow.query;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.tickflow.event.EventTime;
import org.postgresql.util.PGInterval;

/** Reads a result column as a JSON-friendly value: times and durations as ISO-8601, decimals exact. */
final class ColumnValues {

    private ColumnValues() {
    }

    static String jsonType(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> "integer";
            case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> "number";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> "timestamp";
            default -> "string";
        };
    }

    static Object read(ResultSet rs, int column, int sqlType, String sqlTypeName) throws SQLException {
        Object value;
        if (sqlType == Types.TIMESTAMP && sqlTypeName.equalsIgnoreCase("timestamptz")) {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            value = time == null ? null : EventTime.format(time.toInstant());
        } else if (sqlType == Types.TIMESTAMP) {
            // a timestamp without zone holds UTC in both databases (QuestDB always does)
            LocalDateTime time = rs.getObject(column, LocalDateTime.class);
            value = time == null ? null : EventTime.format(time.toInstant(ZoneOffset.UTC));
        } else {
            value = rs.getObject(column);
        }
        if (value instanceof BigDecimal decimal) {
            // 1.500000000000000000 from DECIMAL(38,18) reads as 1.5; never as 1E+2
            BigDecimal stripped = decimal.stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }
        if (value instanceof PGInterval interval && interval.getYears() == 0 && interval.getMonths() == 0) {
            return Duration.ofDays(interval.getDays()).plusHours(interval.getHours()).plusMinutes(interval.getMinutes())
                    .plusNanos(Math.round(interval.getSeconds() * 1e9)).toString();
        }
        if (value instanceof java.sql.Array || value instanceof org.postgresql.util.PGobject) {
            return value.toString();
        }
        return value;
    }
}
