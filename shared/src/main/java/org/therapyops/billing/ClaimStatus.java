package org.therapyops.billing;

/**
 * Where a claim is: waiting for the scrubber, ready to submit, back with a biller with findings, or
 * submitted in an 837P.
 */
public enum ClaimStatus { SCRUB_PENDING, READY, NEEDS_REVIEW, SUBMITTED }
