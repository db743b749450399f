package io.tickflow.event;

import java.math.BigDecimal;

/**
 * Exact decimals kept as their plain text ("-12.50"), checked without building a BigDecimal:
 * the sinks write them as text anyway, over ILP and COPY. Anything but a plain decimal (an
 * exponent, a '+', leading zeros) goes through BigDecimal once to get its plain form.
 */
final class DecimalText {

    private DecimalText() {
    }

    /**
     * The plain text of a number that fits the given digits, with surplus trailing zeros of the
     * fraction removed; null if it does not fit. Throws NumberFormatException for a non-number.
     */
    static String plain(String text, int maxIntegerDigits, int maxScale) {
        if (isPlain(text)) {
            return fitted(text, maxIntegerDigits, maxScale);
        }
        BigDecimal decimal = new BigDecimal(text);
        BigDecimal significant = decimal.stripTrailingZeros();
        // checked before printing: 1e-999999999 would print a billion zeros
        if (significant.scale() > maxScale || significant.precision() - significant.scale() > maxIntegerDigits) {
            return null;
        }
        return fitted(decimal.toPlainString(), maxIntegerDigits, maxScale);
    }

    /** Whether a plain decimal is above zero. */
    static boolean isPositive(String plain) {
        if (plain.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)? */
    private static boolean isPlain(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int integerStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        int integerDigits = i - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && text.charAt(integerStart) == '0')) {
            return false;
        }
        if (i == text.length()) {
            return true;
        }
        if (text.charAt(i) != '.' || i == text.length() - 1) {
            return false;
        }
        for (i++; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String fitted(String plain, int maxIntegerDigits, int maxScale) {
        int point = plain.indexOf('.');
        int integerEnd = point < 0 ? plain.length() : point;
        int integerStart = plain.startsWith("-") ? 1 : 0;
        boolean zeroInteger = integerEnd - integerStart == 1 && plain.charAt(integerStart) == '0';
        if (!zeroInteger && integerEnd - integerStart > maxIntegerDigits) {
            return null;
        }
        if (point < 0 || plain.length() - point - 1 <= maxScale) {
            return plain;
        }
        int end = plain.length();
        while (end > point + 1 && plain.charAt(end - 1) == '0') {
            end--;
        }
        if (end - point - 1 > maxScale) {
            return null;
        }
        return end == point + 1 ? plain.substring(0, point) : plain.substring(0, end);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
