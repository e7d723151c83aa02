package org.therapyops.billing.x12.sim;

import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Outcome;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedClaim;
import org.therapyops.billing.x12.sim.Submitted837P.SubmittedLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated payer's decision on an accepted claim, as amounts that balance: per line charge = paid + adjustments,
 * per claim charge = paid + every adjustment, patient responsibility = the PR adjustments.
 */
final class Adjudication {

    /** PARTIAL: the allowed share of each line's charge, and the coinsurance share of what is allowed. */
    static final BigDecimal ALLOWED_SHARE = new BigDecimal("0.80");
    static final BigDecimal COINSURANCE_SHARE = new BigDecimal("0.20");

    /** One CAS triple (without quantity). */
    record Adjusted(String group, String reason, BigDecimal amount) {
    }

    record LineResult(SubmittedLine line, BigDecimal paid, BigDecimal allowed, List<Adjusted> adjustments,
                      List<String> remarks) {
    }

    /** {@code statusCode} is CLP02: 1 processed as primary, 4 denied. */
    record ClaimResult(SubmittedClaim claim, String statusCode, BigDecimal paid, BigDecimal patientResponsibility,
                       List<LineResult> lines) {
    }

    private Adjudication() {
    }

    static ClaimResult adjudicate(SubmittedClaim claim, Outcome outcome) {
        List<LineResult> lines = new ArrayList<>();
        List<SubmittedLine> submitted = claim.lines();
        for (int i = 0; i < submitted.size(); i++) {
            SubmittedLine line = submitted.get(i);
            boolean last = i == submitted.size() - 1 && submitted.size() > 1;
            lines.add(switch (outcome) {
                case PAID -> new LineResult(line, line.charge(), line.charge(), List.of(), List.of());
                // CARC 197: precertification/authorization absent; RARC N54: inconsistent with authorized services
                case DENIED -> denied(line, "197", "N54");
                // CARC 97: included in the payment of another service; RARC M15: separately billed services bundled
                case PARTIAL -> last ? denied(line, "97", "M15") : partial(line);
                case REJECTED -> throw new IllegalArgumentException("a rejected claim is not adjudicated");
            });
        }
        BigDecimal paid = lines.stream().map(LineResult::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal patient = lines.stream().flatMap(l -> l.adjustments().stream()).filter(a -> a.group().equals("PR"))
                .map(Adjusted::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ClaimResult(claim, outcome == Outcome.DENIED ? "4" : "1", paid, patient, lines);
    }

    private static LineResult denied(SubmittedLine line, String reason, String remark) {
        return new LineResult(line, BigDecimal.ZERO, BigDecimal.ZERO, nonZero(new Adjusted("CO", reason, line.charge())),
                List.of(remark));
    }

    /** Allowed 80 % of the charge (CO-45 for the rest), 20 % of the allowed amount coinsurance (PR-2). */
    private static LineResult partial(SubmittedLine line) {
        BigDecimal allowed = line.charge().multiply(ALLOWED_SHARE).setScale(2, RoundingMode.HALF_UP);
        BigDecimal coinsurance = allowed.multiply(COINSURANCE_SHARE).setScale(2, RoundingMode.HALF_UP);
        return new LineResult(line, allowed.subtract(coinsurance), allowed,
                nonZero(new Adjusted("CO", "45", line.charge().subtract(allowed)),
                        new Adjusted("PR", "2", coinsurance)), List.of());
    }

    /** A zero adjustment says nothing: it is not written. */
    private static List<Adjusted> nonZero(Adjusted... adjustments) {
        return List.of(adjustments).stream().filter(a -> a.amount().signum() != 0).toList();
    }
}
