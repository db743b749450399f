package io.tickflow.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The address blocks of IANA's IPv4 and IPv6 Special-Purpose Address Registries that are not
 * globally reachable (loopback, private, shared, link-local, documentation, benchmarking,
 * reserved, multicast...), and the IPv6 forms that carry an IPv4 address (mapped, compatible,
 * translated, NAT64, 6to4), which are judged by the IPv4 address inside them: {@code [::127.0.0.1]}
 * reaches 127.0.0.1 as surely as the IPv4 form does.
 */
final class SpecialAddresses {

    private record Block(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Block> NOT_GLOBAL = blocks(
            // IPv4 (RFC 6890 and its updates)
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            // IPv6, after the IPv4-carrying forms below have been unwrapped
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    /** IPv6 prefixes with an IPv4 address at a byte offset: mapped, translated, NAT64 well-known, compatible, 6to4. */
    private static final List<Block> IPV4_MAPPED = blocks("::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96");
    private static final Block IPV4_COMPATIBLE = blocks("::/96").get(0);
    private static final Block SIX_TO_FOUR = blocks("2002::/16").get(0);

    private SpecialAddresses() {
    }

    /** True when the address, or the IPv4 address it carries, is in a block that is not globally reachable. */
    static boolean notGlobal(InetAddress address) {
        byte[] bytes = ipv4Inside(address.getAddress());
        return NOT_GLOBAL.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The IPv4 address an IPv6 address carries, or the address itself. */
    static byte[] ipv4Inside(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        if (IPV4_MAPPED.stream().anyMatch(block -> block.contains(address))
                || IPV4_COMPATIBLE.contains(address) && !isUnspecifiedOrLoopback(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return address;
    }

    private static boolean isUnspecifiedOrLoopback(byte[] address) {
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 0 || address[15] == 1;
    }

    private static List<Block> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(cidr -> {
            String[] parts = cidr.split("/");
            try {
                return new Block(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }).toList();
    }
}
