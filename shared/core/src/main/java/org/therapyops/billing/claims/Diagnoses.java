package org.therapyops.billing.claims;

import org.therapyops.billing.scrub.DatedReleases;
import org.therapyops.domain.RefusedException;
import org.therapyops.billing.scrub.IcdCodeSet;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A diagnosis a note or a claim correction gives must be a billable ICD-10-CM code of the release in force on the
 * date of service (releases side by side, each read on first use): a code valid then is accepted even if a later
 * release deleted it; an unknown code or a category heading is refused up front instead of reaching the scrubber.
 * With no release in force on the date loaded, the nearest one decides, and the problem says so.
 */
public final class Diagnoses {

    private final DatedReleases<IcdCodeSet> releases;

    public Diagnoses(DatedReleases<IcdCodeSet> releases) {
        this.releases = releases;
    }

    /** Refuses (invalid, naming {@code field}) when {@code code} (already in ICD-10-CM format) is not billable on {@code dateOfService}. */
    public void requireBillable(String field, String code, LocalDate dateOfService) {
        Optional<DatedReleases.Release<IcdCodeSet>> inForce = releases.inForceOn(dateOfService);
        IcdCodeSet codes = inForce.orElseGet(() -> releases.forDate(dateOfService)).data();
        String release = "ICD-10-CM " + codes.version() + (inForce.isPresent() ? ", in force on " + dateOfService
                : " (no release in force on " + dateOfService + " is loaded; this is the nearest)");
        switch (codes.status(code)) {
            case UNKNOWN -> throw RefusedException.invalid(field, "is not a code of " + release);
            case HEADER -> throw RefusedException.invalid(field, "is a category heading in " + release
                    + ", not a billable code: code it to the most specific level (e.g. M54.50, not M54.5)");
            case BILLABLE -> {
            }
        }
    }
}
