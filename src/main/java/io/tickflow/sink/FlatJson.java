package io.tickflow.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the top-level fields of a flat JSON object in place, as offsets into its bytes: the
 * QuestDB sink reads every event, and an object per field was much of its cost. It takes only
 * the plain shape events have (strings of printable ASCII without escapes, numbers, true, false,
 * null; no nested value) and declines anything else, which then goes through the full parser.
 * One instance per thread: it keeps the last object's offsets.
 */
final class FlatJson {

    static final byte STRING = 1;
    static final byte NUMBER = 2;
    static final byte TRUE = 3;
    static final byte FALSE = 4;
    static final byte NULL = 5;

    private final byte[][] names;
    private final byte[] kinds;
    private final int[] starts;
    private final int[] ends;
    private byte[] json;

    /** Reads only these names (by index); others are skipped. */
    FlatJson(List<String> names) {
        this.names = names.stream().map(n -> n.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        kinds = new byte[names.size()];
        starts = new int[names.size()];
        ends = new int[names.size()];
    }

    /** False when the text is not of the plain shape; the last of duplicate names wins. */
    boolean read(byte[] text) {
        json = text;
        Arrays.fill(kinds, (byte) 0);
        int i = skipSpace(text, 0);
        if (i >= text.length || text[i] != '{') {
            return false;
        }
        i = skipSpace(text, i + 1);
        if (i < text.length && text[i] == '}') {
            return skipSpace(text, i + 1) == text.length;
        }
        while (true) {
            if (i >= text.length || text[i] != '"') {
                return false;
            }
            int nameEnd = stringEnd(text, i + 1);
            if (nameEnd < 0) {
                return false;
            }
            int name = nameIndex(text, i + 1, nameEnd);
            i = skipSpace(text, nameEnd + 1);
            if (i >= text.length || text[i] != ':') {
                return false;
            }
            i = skipSpace(text, i + 1);
            if (i >= text.length) {
                return false;
            }
            int start;
            int end;
            byte kind;
            byte b = text[i];
            if (b == '"') {
                start = i + 1;
                end = stringEnd(text, start);
                if (end < 0) {
                    return false;
                }
                kind = STRING;
                i = end + 1;
            } else if (b == '-' || (b >= '0' && b <= '9')) {
                start = i;
                end = numberEnd(text, i);
                if (end < 0) {
                    return false;
                }
                kind = NUMBER;
                i = end;
            } else {
                start = i;
                kind = literal(text, i);
                if (kind == 0) {
                    return false;
                }
                end = i + (kind == FALSE ? 5 : 4);
                i = end;
            }
            if (name >= 0) {
                kinds[name] = kind;
                starts[name] = start;
                ends[name] = end;
            }
            i = skipSpace(text, i);
            if (i >= text.length) {
                return false;
            }
            if (text[i] == '}') {
                return skipSpace(text, i + 1) == text.length;
            }
            if (text[i] != ',') {
                return false;
            }
            i = skipSpace(text, i + 1);
        }
    }

    /** The kind of the named value, 0 if absent. */
    byte kind(int name) {
        return kinds[name];
    }

    /** Where the value starts: a string's first character, a number's or literal's first byte. */
    int start(int name) {
        return starts[name];
    }

    /** Just past the value (before a string's closing quote). */
    int end(int name) {
        return ends[name];
    }

    byte[] bytes() {
        return json;
    }

    /** Whether the value is a string with exactly this text. */
    boolean isString(int name, byte[] text) {
        return kinds[name] == STRING && Arrays.equals(json, starts[name], ends[name], text, 0, text.length);
    }

    private int nameIndex(byte[] text, int from, int to) {
        for (int n = 0; n < names.length; n++) {
            if (Arrays.equals(text, from, to, names[n], 0, names[n].length)) {
                return n;
            }
        }
        return -1;
    }

    private static int skipSpace(byte[] text, int i) {
        while (i < text.length && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The index of the closing quote of a string of printable ASCII without escapes; -1 otherwise. */
    private static int stringEnd(byte[] text, int i) {
        for (; i < text.length; i++) {
            byte b = text[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b > 0x7e || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** Just past a JSON number -?(0|[1-9][0-9]*)(.[0-9]+)?, without exponent; -1 otherwise. */
    private static int numberEnd(byte[] text, int i) {
        if (text[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < text.length && text[i] >= '0' && text[i] <= '9') {
            i++;
        }
        if (i == digits || (i - digits > 1 && text[digits] == '0')) {
            return -1;
        }
        if (i < text.length && text[i] == '.') {
            int fraction = ++i;
            while (i < text.length && text[i] >= '0' && text[i] <= '9') {
                i++;
            }
            if (i == fraction) {
                return -1;
            }
        }
        if (i < text.length && (text[i] == 'e' || text[i] == 'E')) {
            return -1;
        }
        return i;
    }

    private static byte literal(byte[] text, int i) {
        if (matches(text, i, "true")) {
            return TRUE;
        }
        if (matches(text, i, "false")) {
            return FALSE;
        }
        return matches(text, i, "null") ? NULL : 0;
    }

    private static boolean matches(byte[] text, int i, String word) {
        if (i + word.length() > text.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
