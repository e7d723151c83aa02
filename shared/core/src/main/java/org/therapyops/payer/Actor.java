package org.therapyops.payer;

/** Who changes a payer, for the audit of what the change does: the caller's subject and role, and the request's id. */
public record Actor(String subject, String role, String requestId) {
}
