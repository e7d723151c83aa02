package org.therapyops.dynamodb;

/** An item (or stream image) lacks an attribute the model needs, or holds one of the wrong type. */
public class MalformedItemException extends RuntimeException {

    public MalformedItemException(String message) {
        super(message);
    }
}
