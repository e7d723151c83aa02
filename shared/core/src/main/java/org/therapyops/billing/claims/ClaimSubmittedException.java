package org.therapyops.billing.claims;

import org.therapyops.domain.RefusedException;

/** A submitted claim changes only by a replacement or void claim: an in-place correction of it is refused. */
public final class ClaimSubmittedException extends RefusedException {

    public ClaimSubmittedException(String detail) {
        super(Kind.CONFLICT, null, null, detail);
    }
}
