package org.therapyops.api;

/** Descriptions shared by the OpenAPI annotations of the controllers. */
final class OpenApiResponses {

    static final String IF_MATCH_DESCRIPTION = "The ETag of the version read, e.g. \"3\"; the update applies only to that version";
    static final String VALIDATION = "A field breaks a rule (validation) or names a record that does not exist (unknown-reference); errors[].field names it";
    static final String NOT_FOUND = "No such record in the caller's practice";
    static final String FORBIDDEN = "The caller's role may not do this";
    static final String STALE = "precondition-failed: the record changed since the If-Match version; nothing was written";
    static final String NO_IF_MATCH = "precondition-required: If-Match is missing";
    static final String BAD_QUERY = "malformed-request: limit out of 1–100, or a cursor this practice's listing did not issue";

    private OpenApiResponses() {
    }
}
