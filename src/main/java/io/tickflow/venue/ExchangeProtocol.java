package io.tickflow.venue;

import java.net.URI;
import java.util.List;

/** What differs between exchanges on one connection: where, how to subscribe, how to parse. */
public interface ExchangeProtocol {

    /** The address to connect to, given the configured base URL. */
    URI uri(String url);

    /** Messages sent on every (re)connect, in order; spaced to respect the exchange's rate limit. */
    List<String> subscriptions();

    /** Application-level ping text the exchange expects from clients, or null to send WebSocket pings. */
    String clientPing();

    FrameNormalizer newNormalizer();
}
