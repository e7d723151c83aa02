package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;

import java.time.Instant;
import java.time.LocalDate;

/** A coverage as the API shows it. */
@Serdeable
public record CoverageView(String id, String patientId, String payerId, String memberId, CoveragePriority priority,
                           LocalDate effectiveFrom, @OrNull LocalDate effectiveTo, Instant createdAt, long version) {

    public static CoverageView of(Coverage c) {
        return new CoverageView(c.id(), c.patientId(), c.payerId(), c.memberId(), c.priority(), c.effectiveFrom(),
                c.effectiveTo(), c.createdAt(), c.version());
    }
}
