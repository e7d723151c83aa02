package org.therapyops.domain;

/** Which services a payer wants prior authorization for. */
public enum AuthorizationRequirement {
    /** Every service. */
    ALL,
    /** None. */
    NONE,
    /** Only the payer's listed CPT/HCPCS codes. */
    LISTED
}
