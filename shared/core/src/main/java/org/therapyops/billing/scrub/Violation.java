package org.therapyops.billing.scrub;

/** What a rule reports before the engine gives it the payer's severity and the rule's id and fix hint. */
public record Violation(String field, String message) {
}
