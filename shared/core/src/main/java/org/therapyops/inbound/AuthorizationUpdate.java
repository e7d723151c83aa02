package org.therapyops.inbound;

import org.therapyops.domain.UnitType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A payer's or utilization-management vendor's word on a prior authorization (JSON event {@value #TYPE}): approved,
 * extended or changed. It names the patient's coverage by member id (and, optionally, the payer's EDI id) and the
 * authorization by the payer's number; what it gives replaces what the practice had recorded under that number.
 *
 * @param payerEdiId the payer's id as claims send it (NM1*PR NM109); null: any payer of the member id
 * @param quantity   in {@code unitType}: visits, 15-minute units or hours
 */
public record AuthorizationUpdate(String memberId, String payerEdiId, String number, Set<String> serviceCodes,
                                  UnitType unitType, BigDecimal quantity, LocalDate startDate, LocalDate endDate) {

    public static final String TYPE = "authorization.updated";

    public AuthorizationUpdate {
        serviceCodes = Set.copyOf(serviceCodes);
    }
}
