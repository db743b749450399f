package io.tickflow.webhook;

import java.time.OffsetDateTime;

/**
 * A message claimed for an attempt, with where it goes and how it is signed. The claim holds
 * while the message's lease is still the one set when it was claimed (or queued, for a message
 * sent from memory): a replay, or a claim by another dispatcher once the lease ran out, replaces it.
 */
public record Delivery(String messageId, String subscriptionId, String url, String secret, WebhookBody body, int attemptsMade,
        OffsetDateTime leasedUntil) {
}
