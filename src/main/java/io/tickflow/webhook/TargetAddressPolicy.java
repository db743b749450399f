package io.tickflow.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps webhooks off the private network: a target on a loopback, private, link-local or
 * unspecified address is refused unless allowed by configuration (tests and on-premise setups).
 * Checked when a subscription is saved and again before each request, as DNS can change; a
 * name that does not resolve yet is not refused (its attempts fail as connection errors).
 */
public class TargetAddressPolicy {

    private boolean allowPrivate;

    /** Why the URL may not be called, or null when it may. */
    public String refusal(URI url) {
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (isPrivate(address)) {
                    return "host " + url.getHost() + " is on a private address (" + address.getHostAddress()
                            + "); set tickflow.webhooks.allow-private-targets=true to allow it";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            // not refused: DNS may be set up later, and every attempt checks again
            return null;
        }
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        // IPv6 unique local fc00::/7 and IPv4 carrier-grade NAT 100.64.0.0/10
        return address instanceof Inet6Address ? (bytes[0] & 0xfe) == 0xfc
                : (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }

    public void setAllowPrivate(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }
}
