package org.therapyops.api.problem;

/** The catalogue of problem types this API answers with. The URIs are stable identifiers. */
public enum ProblemType {
    MALFORMED_REQUEST(400, "malformed-request", "The request body is not valid JSON of the expected shape"),
    VALIDATION(422, "validation", "The request has invalid fields"),
    UNKNOWN_REFERENCE(422, "unknown-reference", "The request refers to a record that does not exist"),
    UNAUTHORIZED(401, "unauthorized", "The caller is not authenticated"),
    FORBIDDEN(403, "forbidden", "The caller's role may not do this"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The resource does not support this method"),
    CONFLICT(409, "conflict", "The request conflicts with the current state"),
    DOUBLE_BOOKING(409, "double-booking", "The provider or the patient already has an appointment at that time"),
    INVALID_TRANSITION(409, "invalid-transition", "The appointment's current state does not allow this"),
    NOTE_SIGNED(409, "note-signed", "The note is signed; it changes only by addendum"),
    CLAIM_SUBMITTED(409, "claim-submitted", "The claim was submitted; it changes only by a replacement or void claim"),
    APPOINTMENT_NOT_HELD(409, "appointment-not-held", "The appointment was cancelled or missed; it takes no note"),
    PRECONDITION_FAILED(412, "precondition-failed", "The record was changed since the version in If-Match"),
    PRECONDITION_REQUIRED(428, "precondition-required", "An update needs If-Match with the record's ETag"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    INTERNAL(500, "internal", "Something went wrong on our side");

    static final String BASE = "https://therapyops.org/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    /** The type Micronaut's own errors (binding, routing, validation) map to, by status. */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 428 -> PRECONDITION_REQUIRED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            default -> INTERNAL;
        };
    }
}
