package io.tickflow.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickflow.api.ApiException;
import io.tickflow.api.TimeParameter;
import io.tickflow.event.EventTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The operations of /api/webhooks: subscriptions, test events, the delivery log and replay. */
public class WebhooksApi {

    private SubscriptionStore subscriptionStore;
    private MessageStore messageStore;
    private SubscriptionRequests subscriptionRequests;
    private WebhookSigner signer;
    private int maxDeliveries = 1000;

    public Map<String, Object> create(Exchange exchange) throws Exception {
        Map<String, Object> fields = subscriptionRequests.forCreate(exchange.getMessage().getBody(String.class));
        Subscription created = subscriptionStore.create(fields, signer.newSecret());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return created.view(true);
    }

    public List<Map<String, Object>> list() throws Exception {
        return subscriptionStore.all().stream().map(s -> s.view(false)).toList();
    }

    public Map<String, Object> get(Exchange exchange) throws Exception {
        return existing(exchange).view(false);
    }

    public Map<String, Object> update(Exchange exchange) throws Exception {
        Map<String, Object> fields = subscriptionRequests.forUpdate(exchange.getMessage().getBody(String.class));
        return subscriptionStore.update(id(exchange), fields).orElseThrow(() -> unknown(id(exchange))).view(false);
    }

    public void delete(Exchange exchange) throws Exception {
        if (!subscriptionStore.delete(id(exchange))) {
            throw unknown(id(exchange));
        }
        // its messages went with it; bodies it shared with others stay while they refer to them
        messageStore.dropUnusedBodies();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        exchange.getMessage().setBody(null);
    }

    /** Queues a `webhook.test` event for the subscription, whatever its event types and filters. */
    public Map<String, Object> sendTest(Exchange exchange) throws Exception {
        Subscription subscription = existing(exchange);
        Instant now = Instant.now();
        ObjectNode data = SubscriptionRequests.JSON.createObjectNode()
                .put("subscriptionId", subscription.id()).put("message", "Test event from Tickflow");
        String id = messageStore.enqueue(List.of(new MessageStore.NewMessage(MessageStore.newMessageId(), subscription.id(), "webhook.test", now,
                WebhookIntake.body("webhook.test", now, data.toString())))).get(0);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return Map.of("messageId", id, "status", "pending");
    }

    public Map<String, Object> deliveries(Exchange exchange) throws Exception {
        Subscription subscription = existing(exchange);
        String limitText = exchange.getMessage().getHeader("limit", String.class);
        int limit = maxDeliveries;
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > maxDeliveries) {
                throw ApiException.badParameter("limit", "'limit' must be an integer from 1 to " + maxDeliveries);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriptionId", subscription.id());
        body.put("attempts", messageStore.attempts(subscription.id(), limit));
        return body;
    }

    public Map<String, Object> replay(Exchange exchange) throws Exception {
        Subscription subscription = existing(exchange);
        Message in = exchange.getMessage();
        Instant from = time(in, "from");
        Instant to = time(in, "to");
        if (!from.isBefore(to)) {
            throw ApiException.badParameter("from", "'from' must be before 'to'");
        }
        int count = messageStore.replay(subscription.id(), from, to);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriptionId", subscription.id());
        body.put("from", EventTime.format(from));
        body.put("to", EventTime.format(to));
        body.put("replayed", count);
        return body;
    }

    private static Instant time(Message in, String parameter) {
        String text = in.getHeader(parameter, String.class);
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter(parameter, "'" + parameter + "' is required (ISO-8601 UTC time)");
        }
        return TimeParameter.parse(parameter, text);
    }

    private Subscription existing(Exchange exchange) throws Exception {
        return subscriptionStore.find(id(exchange)).orElseThrow(() -> unknown(id(exchange)));
    }

    private static String id(Exchange exchange) {
        return exchange.getMessage().getHeader("id", String.class);
    }

    private static ApiException unknown(String id) {
        return ApiException.notFound("Unknown webhook subscription '" + id + "'");
    }

    public void setSubscriptionStore(SubscriptionStore subscriptionStore) {
        this.subscriptionStore = subscriptionStore;
    }

    public void setMessageStore(MessageStore messageStore) {
        this.messageStore = messageStore;
    }

    public void setSubscriptionRequests(SubscriptionRequests subscriptionRequests) {
        this.subscriptionRequests = subscriptionRequests;
    }

    public void setSigner(WebhookSigner signer) {
        this.signer = signer;
    }

    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }
}
