package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.questdb.client.Sender;
import io.questdb.client.std.Decimal128;
import io.tickflow.event.EventField;
import io.tickflow.event.EventParser;
import io.tickflow.event.EventTime;
import io.tickflow.event.EventType;
import io.tickflow.event.FieldKind;
import io.tickflow.event.ParsedEvent;

/**
 * Writes events as ILP rows, one table per event type. An event's JSON bytes go straight into
 * the row (no String, Instant or event object per field) when they have the plain shape nearly
 * all events have and meet the contract of {@link EventType}; anything else is declined with
 * nothing written, and the caller parses it with {@link EventParser}, which accepts it as an
 * event for {@link #write(Sender, ParsedEvent)} or rejects it with its reason. So both ways
 * store the same rows and refuse the same events. One instance per thread.
 */
final class IlpTranscoder {

    private static final List<String> NAMES = names();
    private static final int TYPE = NAMES.indexOf("type");
    private static final int[][] FIELD_NAMES = new int[EventType.values().length][];
    private static final int[] TIME_NAMES = new int[EventType.values().length];
    private static final int[][] ILP_ORDER = ilpOrder();
    private static final int WIRE_TIME_LENGTH = "2026-11-25T20:22:34.965088Z".length();

    static {
        for (EventType type : EventType.values()) {
            FIELD_NAMES[type.ordinal()] = type.fields().stream().mapToInt(f -> NAMES.indexOf(f.json())).toArray();
            TIME_NAMES[type.ordinal()] = NAMES.indexOf(type.timeField());
        }
    }

    private final Map<EventType, String> tables;
    private final FlatJson json = new FlatJson(NAMES);
    private final AsciiText text = new AsciiText();
    private final Decimal128 decimal = new Decimal128();
    /** Per field of the event at hand: its time or integer value, decoded while checking. */
    private final long[] numbers = new long[NAMES.size()];
    private byte[] lastTypeName;
    private EventType lastType;
    private int lastDate = -1;
    private long lastEpochDay;

    IlpTranscoder(Map<EventType, String> tables) {
        this.tables = tables;
    }

    /** Writes the event's row straight from its bytes; false, with nothing written, if it is declined. */
    boolean write(Sender sender, byte[] event) {
        if (!json.read(event)) {
            return false;
        }
        EventType type = type();
        if (type == null) {
            return false;
        }
        int[] names = FIELD_NAMES[type.ordinal()];
        List<EventField> fields = type.fields();
        for (int i = 0; i < names.length; i++) {
            if (!check(fields.get(i), names[i])) {
                return false;
            }
        }
        int timeName = TIME_NAMES[type.ordinal()];
        if (json.kind(timeName) != FlatJson.STRING || !time(timeName)) {
            return false;
        }
        sender.table(tables.get(type));
        for (int i : ILP_ORDER[type.ordinal()]) {
            int name = names[i];
            byte kind = json.kind(name);
            if (kind == 0 || kind == FlatJson.NULL) {
                continue;
            }
            EventField field = fields.get(i);
            switch (field.kind()) {
                case SYMBOL, SIDE -> sender.symbol(field.column(), text(name));
                case STRING -> sender.stringColumn(field.column(), text(name));
                case DECIMAL, POSITIVE_DECIMAL -> sender.decimalColumn(field.column(), decimal(name));
                case TIMESTAMP -> sender.timestampColumn(field.column(), numbers[name], ChronoUnit.MICROS);
                case LONG -> sender.longColumn(field.column(), numbers[name]);
                case BOOLEAN -> sender.boolColumn(field.column(), kind == FlatJson.TRUE);
                default -> throw new IllegalStateException("unhandled kind " + field.kind());
            }
        }
        sender.at(numbers[timeName], ChronoUnit.MICROS);
        return true;
    }

    /** Writes a parsed event's row. */
    void write(Sender sender, ParsedEvent event) {
        sender.table(tables.get(event.type()));
        List<EventField> fields = event.type().fields();
        for (int i : ILP_ORDER[event.type().ordinal()]) {
            EventField field = fields.get(i);
            Object value = event.value(i);
            if (value == null) {
                continue;
            }
            switch (field.kind()) {
                case SYMBOL, SIDE -> sender.symbol(field.column(), (String) value);
                case STRING -> sender.stringColumn(field.column(), (String) value);
                case DECIMAL, POSITIVE_DECIMAL -> sender.decimalColumn(field.column(), (String) value);
                case TIMESTAMP -> sender.timestampColumn(field.column(), EventTime.epochMicros((Instant) value), ChronoUnit.MICROS);
                case LONG -> sender.longColumn(field.column(), (Long) value);
                case BOOLEAN -> sender.boolColumn(field.column(), (Boolean) value);
                default -> throw new IllegalStateException("unhandled kind " + field.kind());
            }
        }
        sender.at(EventTime.epochMicros(event.time()), ChronoUnit.MICROS);
    }

    /** The event's type; null for a type name the full parser must judge. Events of a batch mostly share one. */
    private EventType type() {
        byte kind = json.kind(TYPE);
        if (kind == 0) {
            return EventType.TICK;
        }
        if (kind != FlatJson.STRING) {
            return null;
        }
        if (lastTypeName != null && json.isString(TYPE, lastTypeName)) {
            return lastType;
        }
        byte[] name = Arrays.copyOfRange(json.bytes(), json.start(TYPE), json.end(TYPE));
        EventType type = EventType.fromWire(new String(name, StandardCharsets.US_ASCII)).orElse(null);
        if (type != null) {
            lastTypeName = name;
            lastType = type;
        }
        return type;
    }

    /** Whether the field's value meets the contract as the full parser would have it (absent optional fields do). */
    private boolean check(EventField field, int name) {
        byte kind = json.kind(name);
        if (kind == 0 || kind == FlatJson.NULL) {
            return !field.required();
        }
        return switch (field.kind()) {
            case SYMBOL, STRING -> kind == FlatJson.STRING && !isBlank(name);
            case SIDE -> kind == FlatJson.STRING && isSide(name);
            case DECIMAL -> (kind == FlatJson.STRING || kind == FlatJson.NUMBER) && isFittingDecimal(name, false);
            case POSITIVE_DECIMAL -> (kind == FlatJson.STRING || kind == FlatJson.NUMBER) && isFittingDecimal(name, true);
            case TIMESTAMP -> kind == FlatJson.STRING && time(name);
            case LONG -> kind == FlatJson.NUMBER && integer(name);
            case BOOLEAN -> kind == FlatJson.TRUE || kind == FlatJson.FALSE;
        };
    }

    /** Printable ASCII (all FlatJson takes) is blank only when all spaces. */
    private boolean isBlank(int name) {
        byte[] b = json.bytes();
        for (int i = json.start(name); i < json.end(name); i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private boolean isSide(int name) {
        byte[] b = json.bytes();
        int from = json.start(name);
        int length = json.end(name) - from;
        return (length == 3 && b[from] == 'b' && b[from + 1] == 'u' && b[from + 2] == 'y')
                || (length == 4 && b[from] == 's' && b[from + 1] == 'e' && b[from + 2] == 'l' && b[from + 3] == 'l');
    }

    /**
     * A plain decimal -?(0|[1-9][0-9]*)(.[0-9]+)? that fits the columns as sent, above zero where
     * asked. Other forms (padded, exponents, surplus trailing zeros) are left to the full parser.
     */
    private boolean isFittingDecimal(int name, boolean positive) {
        byte[] b = json.bytes();
        int i = json.start(name);
        int end = json.end(name);
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        boolean nonZero = false;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            nonZero |= b[i] != '0';
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && b[integerStart] == '0') || integerDigits > EventParser.MAX_INTEGER_DIGITS) {
            return false;
        }
        if (i < end) {
            if (b[i] != '.') {
                return false;
            }
            int fractionStart = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                nonZero |= b[i] != '0';
                i++;
            }
            if (i != end || i == fractionStart || i - fractionStart > EventParser.MAX_SCALE) {
                return false;
            }
        }
        return !positive || (nonZero && !negative);
    }

    /** A JSON integer that fits a long, kept in numbers[]. */
    private boolean integer(int name) {
        byte[] b = json.bytes();
        int i = json.start(name);
        int end = json.end(name);
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i > 18) {
            return false;
        }
        long value = 0;
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
            value = value * 10 + (b[i] - '0');
        }
        numbers[name] = negative ? -value : value;
        return true;
    }

    /** yyyy-MM-ddTHH:mm:ss.ffffffZ, the wire layout, kept in numbers[] as epoch microseconds; other layouts are declined. */
    private boolean time(int name) {
        byte[] b = json.bytes();
        int s = json.start(name);
        if (json.end(name) - s != WIRE_TIME_LENGTH || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T'
                || b[s + 13] != ':' || b[s + 16] != ':' || b[s + 19] != '.' || b[s + 26] != 'Z') {
            return false;
        }
        int year = digits(b, s, 4);
        int month = digits(b, s + 5, 2);
        int day = digits(b, s + 8, 2);
        int hour = digits(b, s + 11, 2);
        int minute = digits(b, s + 14, 2);
        int second = digits(b, s + 17, 2);
        int micros = digits(b, s + 20, 6);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || micros < 0) {
            return false;
        }
        int date = year * 10_000 + month * 100 + day;
        if (date != lastDate) {
            try {
                lastEpochDay = LocalDate.of(year, month, day).toEpochDay();
            } catch (DateTimeException e) {
                return false;
            }
            lastDate = date;
        }
        numbers[name] = ((lastEpochDay * 86_400 + hour * 3600L + minute * 60L + second) * 1_000_000L) + micros;
        return true;
    }

    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    private CharSequence text(int name) {
        return text.of(json.bytes(), json.start(name), json.end(name));
    }

    /** The checked decimal as an unscaled 128-bit integer and its scale: at most 38 digits, so it fits. */
    private Decimal128 decimal(int name) {
        byte[] b = json.bytes();
        int end = json.end(name);
        int i = json.start(name);
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long high = 0;
        long low = 0;
        int scale = 0;
        boolean fraction = false;
        for (; i < end; i++) {
            if (b[i] == '.') {
                fraction = true;
                continue;
            }
            // (high, low) * 10 + digit, unsigned 128-bit
            long lowTimesTen = low * 10;
            long carry = Math.multiplyHigh(low, 10) + ((low >> 63) & 10);
            long sum = lowTimesTen + (b[i] - '0');
            if (Long.compareUnsigned(sum, lowTimesTen) < 0) {
                carry++;
            }
            high = high * 10 + carry;
            low = sum;
            if (fraction) {
                scale++;
            }
        }
        if (negative) {
            low = -low;
            high = ~high + (low == 0 ? 1 : 0);
        }
        decimal.of(high, low, scale);
        return decimal;
    }

    /** The names FlatJson looks for: "type" and every field and time field of every event type. */
    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("type"));
        for (EventType type : EventType.values()) {
            type.fields().forEach(f -> addNew(names, f.json()));
            addNew(names, type.timeField());
        }
        return List.copyOf(names);
    }

    private static void addNew(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    /** Per event type, the indexes of its fields in the order ILP wants them: the symbols first. */
    private static int[][] ilpOrder() {
        int[][] order = new int[EventType.values().length][];
        for (EventType type : EventType.values()) {
            List<EventField> fields = type.fields();
            order[type.ordinal()] = IntStream.concat(
                    IntStream.range(0, fields.size()).filter(i -> isSymbol(fields.get(i))),
                    IntStream.range(0, fields.size()).filter(i -> !isSymbol(fields.get(i)))).toArray();
        }
        return order;
    }

    private static boolean isSymbol(EventField field) {
        return field.kind() == FieldKind.SYMBOL || field.kind() == FieldKind.SIDE;
    }

    /** Printable ASCII bytes seen as characters, without copying them; reused for each value. */
    private static final class AsciiText implements CharSequence {

        private byte[] bytes;
        private int from;
        private int length;

        AsciiText of(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.length = to - from;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) bytes[from + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(bytes, from, length, StandardCharsets.US_ASCII);
        }
    }
}
