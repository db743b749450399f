package io.tickflow.venue;

/** A frame that cannot become events; its message is the reason written to the dead letter. */
public final class BadFrame extends RuntimeException {

    public BadFrame(String reason) {
        super(reason, null, false, false);
    }
}
