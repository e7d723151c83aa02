package org.therapyops.billing.scrub;

/**
 * One thing a rule found on a claim: the rule's id, its severity for this payer, the field it concerns
 * (a path such as {@code lines[2].modifiers} or {@code billingProvider.npi}), what is wrong and how to fix it.
 */
public record Finding(String ruleId, Severity severity, String field, String message, String fixHint) {
}
