package org.therapyops.payer;

/** Where a rule in force came from: the payer type's shipped profile, or the payer's own settings. */
public enum RuleSource { PROFILE, PAYER }
