package io.tickflow.event;

/** An event that cannot be stored as it is; the message is the reason given in the dead letter. */
public class InvalidEventException extends Exception {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
