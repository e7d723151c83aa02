package org.therapyops.billing.scrub;

/** Where a scrubbed claim goes: ready to submit, or back to a biller. */
public enum ScrubStatus { READY, NEEDS_REVIEW }
