package io.tickflow.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every client's subscriptions by the events they want ({@link StreamRequest#eventKey()}), so an
 * event is offered only to the subscriptions for it, however many others there are. Clients
 * change it from their own threads while the Kafka consumer reads it.
 */
final class SubscriptionIndex {

    private final Map<String, Set<StreamClient.Subscription>> byEvent = new ConcurrentHashMap<>();

    void add(StreamClient.Subscription subscription) {
        byEvent.compute(subscription.request.eventKey(), (k, subscriptions) -> {
            Set<StreamClient.Subscription> all = subscriptions != null ? subscriptions : ConcurrentHashMap.newKeySet();
            all.add(subscription);
            return all;
        });
    }

    void remove(StreamClient.Subscription subscription) {
        byEvent.computeIfPresent(subscription.request.eventKey(), (k, subscriptions) -> {
            subscriptions.remove(subscription);
            return subscriptions.isEmpty() ? null : subscriptions;
        });
    }

    /** The subscriptions to events of this key, or none. */
    Set<StreamClient.Subscription> subscribers(String eventKey) {
        return byEvent.getOrDefault(eventKey, Set.of());
    }
}
