package io.tickflow.webhook;

/** A message claimed for an attempt, with where it goes and how it is signed. */
public record Delivery(String messageId, String subscriptionId, String url, String secret, String body, int attemptsMade) {
}
