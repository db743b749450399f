package io.tickflow.webhook;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

/**
 * A message's body as sent: its UTF-8 bytes, held once for every subscription and attempt it goes
 * to (a batch of a thousand events is about 110 kB, and alike subscriptions share it). The Vert.x
 * buffer is made once too: Vert.x's heap buffers are not released by a write, so one may be
 * written to many requests.
 */
public final class WebhookBody {

    private final byte[] bytes;
    private volatile Buffer buffer;

    public WebhookBody(String text) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        return bytes;
    }

    Buffer buffer() {
        Buffer made = buffer;
        if (made == null) {
            made = Buffer.buffer(bytes);
            buffer = made;
        }
        return made;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
