package io.tickflow.webhook;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic webhook ids: {@code prefix} and 32 lowercase hex digits, the 128-bit MurmurHash3
 * (x64 variant, seed 0) of a source string. Its parts are not chosen by users (subscription ids
 * are random, topics, partitions and offsets are Kafka's), so a non-cryptographic hash of 128 bits
 * is as unlikely to collide as the MD5 name-based UUID it replaces (122 bits), at a fraction of
 * its cost: the intake makes one per queued message.
 */
final class MessageIds {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MessageIds() {
    }

    /** {@code prefix} + the hex of the hash of {@code source}'s UTF-8 bytes. */
    static String of(String prefix, String source) {
        byte[] data = source.getBytes(StandardCharsets.UTF_8);
        long h1 = 0;
        long h2 = 0;
        int blocks = data.length / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = littleEndian(data, i * 16, 8);
            long k2 = littleEndian(data, i * 16 + 8, 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        int rest = data.length - tail;
        if (rest > 8) {
            h2 ^= mixK2(littleEndian(data, tail + 8, rest - 8));
        }
        if (rest > 0) {
            h1 ^= mixK1(littleEndian(data, tail, Math.min(rest, 8)));
        }
        h1 ^= data.length;
        h2 ^= data.length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        char[] id = new char[prefix.length() + 32];
        prefix.getChars(0, prefix.length(), id, 0);
        hex(h1, id, prefix.length());
        hex(h2, id, prefix.length() + 16);
        return new String(id);
    }

    private static long littleEndian(byte[] data, int from, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (data[from + i] & 0xffL);
        }
        return value;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /** The 16 hex digits of {@code value}, most significant first. */
    private static void hex(long value, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }
}
