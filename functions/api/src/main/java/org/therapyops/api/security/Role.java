package org.therapyops.api.security;

import java.util.Arrays;
import java.util.Optional;

/** What a user of the practice does; carried in the token's {@code role} claim. */
public enum Role {
    ADMIN("admin"),
    FRONT_DESK("front_desk"),
    CLINICIAN("clinician"),
    BILLER("biller");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(r -> r.claim.equals(value)).findFirst();
    }
}
