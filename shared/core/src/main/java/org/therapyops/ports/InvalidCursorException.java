package org.therapyops.ports;

/** A listing cursor that this practice's listing did not issue: garbage, tampered, or another practice's. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException() {
        super("cursor was not issued by this listing");
    }
}
