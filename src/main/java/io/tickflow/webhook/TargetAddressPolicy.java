package io.tickflow.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps webhooks off the private network: a target on an address that is not globally reachable
 * (loopback, private, link-local, unspecified, and the other special-purpose blocks of
 * {@link SpecialAddresses}, IPv4 inside IPv6 included) is refused unless allowed by
 * configuration (tests and on-premise setups).
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
                    return "host " + url.getHost() + " is on a private or special-purpose address ("
                            + address.getHostAddress() + "); set tickflow.webhooks.allow-private-targets=true to allow it";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            // not refused: DNS may be set up later, and every attempt checks again
            return null;
        }
    }

    static boolean isPrivate(InetAddress address) {
        return SpecialAddresses.notGlobal(address);
    }

    public void setAllowPrivate(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }
}
