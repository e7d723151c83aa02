package org.therapyops.billing.remittance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One claim payment of an ERA (a CLP loop) posted to one claim: written once, never changed (a later reversal is a
 * posting of its own). Its id is the ERA's id and the CLP's position in it, so the same ERA posts it once.
 *
 * @param clpIndex   the CLP's position in the ERA (0-based)
 * @param statusCode CLP02
 * @param charge     CLP03
 * @param paid       CLP04
 * @param remarks    RARCs of the claim (MOA) and its lines (LQ*HE)
 */
public record Posting(String id, String eraId, int clpIndex, String claimId, String deliveryId, String traceNumber,
                      LocalDate paymentDate, String statusCode, String payerClaimControlNumber, BigDecimal charge,
                      BigDecimal paid, BigDecimal patientResponsibility, List<LedgerEntry> entries, List<String> remarks,
                      Instant postedAt) {

    public Posting {
        entries = List.copyOf(entries);
        remarks = List.copyOf(remarks);
    }

    public static String idOf(String eraId, int clpIndex) {
        return eraId + "-" + clpIndex;
    }

    /** Whether it reverses an earlier payment (CLP02 22). */
    public boolean reversal() {
        return "22".equals(statusCode);
    }
}
