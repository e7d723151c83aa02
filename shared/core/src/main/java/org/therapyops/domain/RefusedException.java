package org.therapyops.domain;

/**
 * A use case refused a request and wrote nothing. The kind says how (the API maps each kind to its problem type in
 * one place); the field, when there is one, names the part of the request at fault.
 */
public class RefusedException extends RuntimeException {

    /** How a request was refused. */
    public enum Kind {
        /** The request is malformed or breaks a rule of the request itself. */
        INVALID,
        /** The request names something of the practice that does not exist. */
        UNKNOWN_REFERENCE,
        /** The request conflicts with the current state (e.g. a concurrent change); it may succeed later. */
        CONFLICT
    }

    private final Kind kind;
    private final String field;
    private final String reason;

    /** {@code detail}: a sentence for a person; {@code reason}: the field's short complaint (e.g. "is not READY"). */
    public RefusedException(Kind kind, String field, String reason, String detail) {
        super(detail);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
    }

    public static RefusedException invalid(String field, String reason) {
        return new RefusedException(Kind.INVALID, field, reason, field + " " + reason + ".");
    }

    public static RefusedException conflict(String detail) {
        return new RefusedException(Kind.CONFLICT, null, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The part of the request at fault; null when the refusal is about the whole request. */
    public String field() {
        return field;
    }

    /** The field's short complaint; null when there is no field. */
    public String reason() {
        return reason;
    }
}
