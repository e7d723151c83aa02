package org.therapyops.billing.scrub;

/** How much a finding weighs: an error blocks submission, a warning does not. */
public enum Severity { ERROR, WARNING }
