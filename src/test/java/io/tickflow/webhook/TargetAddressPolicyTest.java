package io.tickflow.webhook;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Webhook targets: IPv4 inside IPv6 is judged as IPv4, and IANA's special-purpose blocks are refused. */
class TargetAddressPolicyTest {

    private final TargetAddressPolicy policy = new TargetAddressPolicy();

    @Test
    void ipv4InsideIpv6IsJudgedByTheIpv4Address() {
        for (String host : List.of("[::127.0.0.1]", "[::ffff:127.0.0.1]", "[::ffff:0:127.0.0.1]", "[64:ff9b::7f00:1]",
                "[64:ff9b::10.0.0.1]", "[2002:7f00:1::]", "[2002:c0a8:101::1]", "[::ffff:169.254.169.254]",
                "[2002:a9fe:a9fe::]")) {
            assertRefused(host);
        }
        for (String host : List.of("[::ffff:1.1.1.1]", "[64:ff9b::101:101]", "[2002:101:101::1]")) {
            assertAllowed(host);
        }
    }

    @Test
    void specialPurposeAddressesAreRefused() {
        for (String host : List.of("127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.1.2.3", "100.64.0.1", "169.254.169.254",
                "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1",
                "198.19.255.255", "198.51.100.1", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
                "255.255.255.255", "[::]", "[::1]", "[100::1]", "[2001::1]", "[2001:db8::1]", "[3fff::1]", "[5f00::1]",
                "[fc00::1]", "[fd12:3456::1]", "[fe80::1]", "[fec0::1]", "[ff02::1]", "[64:ff9b:1::1]", "localhost")) {
            assertRefused(host);
        }
    }

    @Test
    void publicAddressesAreAllowed() {
        for (String host : List.of("1.1.1.1", "8.8.8.8", "172.32.0.1", "198.20.0.1", "100.128.0.1", "[2606:4700:4700::1111]",
                "[2a00:1450:4001::1]")) {
            assertAllowed(host);
        }
    }

    @Test
    void privateTargetsPassWhenAllowed() {
        policy.setAllowPrivate(true);
        assertAllowed("127.0.0.1");
        assertAllowed("[::127.0.0.1]");
    }

    private void assertRefused(String host) {
        assertNotNull(policy.refusal(URI.create("https://" + host + "/hook")), host + " must be refused");
    }

    private void assertAllowed(String host) {
        assertNull(policy.refusal(URI.create("https://" + host + "/hook")), host + " must be allowed");
    }
}
