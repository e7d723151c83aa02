package org.therapyops.ports;

/** An optimistic write found a version other than the one the caller read (HTTP 412 for an If-Match). */
public class StaleVersionException extends RuntimeException {

    public StaleVersionException(String what) {
        super(what + " was changed by someone else since it was read");
    }
}
