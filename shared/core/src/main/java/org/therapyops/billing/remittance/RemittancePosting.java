package org.therapyops.billing.remittance;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The rules that turn an ERA's claim payment into a posting on the practice's claim, or hold it: the ERA balances
 * (BPR02 = the claims' CLP04 less the provider adjustments), the claim payment balances (CLP03 = CLP04 + every CAS of
 * the claim and its lines; each line's charge = its payment + its CAS), it matches a submitted claim by its patient
 * control number with the same total charge, and each service payment matches a line (by the REF*6R the 837P sent,
 * else by code, modifiers and charge). Then the claim's new status and totals follow (see {@link ClaimStatus}).
 */
public final class RemittancePosting {

    private RemittancePosting() {
    }

    /** What to do with one claim payment. */
    public sealed interface Decision {
        /** Post it: the ledger entries, the claim's status and what it knows of the payer's answer afterwards. */
        record Post(Posting posting, ClaimStatus to, PayerResponse response) implements Decision {
        }

        /** Hold it for a biller; nothing is written to any claim. */
        record Hold(Unapplied unapplied) implements Decision {
        }
    }

    /** The ERA's id: its payer's identifier (TRN03) and trace number (TRN02), so the same payment is known again. */
    public static String eraId(Remittance.Payment payment) {
        String key = nullToEmpty(payment.payerReference()) + "|" + nullToEmpty(payment.traceNumber());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "era-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why the ERA as a whole cannot be posted; empty when its payment balances with its claims and provider adjustments. */
    public static List<String> eraProblems(Remittance era) {
        List<String> problems = new ArrayList<>();
        if (era.payment() == null || era.payment().amount() == null) {
            problems.add("the ERA has no payment amount (BPR02)");
            return problems;
        }
        if (era.payment().traceNumber() == null || era.payment().traceNumber().isBlank()) {
            problems.add("the ERA has no trace number (TRN02)");
        }
        BigDecimal paid = BigDecimal.ZERO;
        for (Remittance.ClaimPayment clp : era.claims()) {
            paid = paid.add(zero(clp.paid()));
        }
        BigDecimal plb = BigDecimal.ZERO;
        for (Remittance.ProviderAdjustment a : era.providerAdjustments()) {
            plb = plb.add(zero(a.amount()));
        }
        BigDecimal bpr = "D".equals(era.payment().creditDebit()) ? era.payment().amount().negate() : era.payment().amount();
        if (bpr.compareTo(paid.subtract(plb)) != 0) {
            problems.add("the payment (BPR02 " + bpr.toPlainString() + ") is not the claims' payments (" + paid.toPlainString()
                    + ") less the provider adjustments (" + plb.toPlainString() + ")");
        }
        return problems;
    }

    /**
     * Decides one claim payment of an ERA against the claim its patient control number names (null when none does),
     * as that claim stands now (earlier payments of the same ERA already posted).
     */
    public static Decision decide(StoredClaim stored, Remittance era, int clpIndex, String eraId, String deliveryId, Instant now) {
        Remittance.ClaimPayment clp = era.claims().get(clpIndex);
        String pcn = clp.patientControlNumber();
        String claimId = stored == null ? null : stored.claim().id();
        String unbalanced = unbalanced(clp);
        if (unbalanced != null) {
            return hold(clp, clpIndex, claimId, unbalanced.startsWith("line") ? Unapplied.Reason.UNBALANCED_LINE
                    : Unapplied.Reason.UNBALANCED_CLAIM, unbalanced);
        }
        if (stored == null) {
            return hold(clp, clpIndex, null, Unapplied.Reason.NO_MATCHING_CLAIM,
                    "no claim of the practice has patient control number " + pcn);
        }
        Claim claim = stored.claim();
        if (!stored.status().sent()) {
            return hold(clp, clpIndex, claimId, Unapplied.Reason.CLAIM_NOT_SUBMITTED,
                    "claim " + claimId + " is " + stored.status() + ", never submitted");
        }
        boolean reversal = "22".equals(clp.statusCode());
        PayerResponse.RemittanceTotals before = stored.response().remittance();
        if (reversal && (before == null || before.postings() == 0)) {
            return hold(clp, clpIndex, claimId, Unapplied.Reason.NOTHING_TO_REVERSE,
                    "a reversal (CLP02 22) for claim " + claimId + ", which has no payment posted");
        }
        if (zero(clp.charge()).abs().compareTo(claim.totalCharge()) != 0) {
            return hold(clp, clpIndex, claimId, Unapplied.Reason.CHARGE_MISMATCH, "the payer adjudicated a charge of "
                    + zero(clp.charge()).toPlainString() + " for claim " + claimId + ", whose charge is "
                    + claim.totalCharge().toPlainString());
        }
        int[] lineOf = matchLines(claim, pcn, clp.services());
        for (int j = 0; j < lineOf.length; j++) {
            if (lineOf[j] == 0) {
                Remittance.ServicePayment svc = clp.services().get(j);
                return hold(clp, clpIndex, claimId, Unapplied.Reason.NO_MATCHING_LINE, "service payment " + (j + 1) + " ("
                        + svc.procedureCode() + ", " + zero(svc.charge()).toPlainString() + ") matches no line of claim " + claimId);
            }
        }

        List<LedgerEntry> entries = new ArrayList<>();
        List<String> remarks = new ArrayList<>(clp.remarks());
        BigDecimal servicePaid = BigDecimal.ZERO;
        BigDecimal patient = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        int lines = claim.lines().size();
        BigDecimal[] allowed = new BigDecimal[lines];
        List<PayerResponse.Denial> denials = new ArrayList<>();
        boolean anyPaidLine = false;
        for (int j = 0; j < clp.services().size(); j++) {
            Remittance.ServicePayment svc = clp.services().get(j);
            int line = lineOf[j];
            BigDecimal paid = zero(svc.paid());
            servicePaid = servicePaid.add(paid);
            if (paid.signum() != 0) {
                entries.add(LedgerEntry.payment(line, paid));
            }
            BigDecimal linePatient = BigDecimal.ZERO;
            for (Remittance.Adjustment a : svc.adjustments()) {
                entries.add(LedgerEntry.adjustment(line, a.group(), a.reason(), zero(a.amount())));
                if ("PR".equals(a.group())) {
                    linePatient = linePatient.add(zero(a.amount()));
                } else {
                    adjusted = adjusted.add(zero(a.amount()));
                }
            }
            patient = patient.add(linePatient);
            remarks.addAll(svc.remarks());
            BigDecimal lineAllowed = svc.allowed() != null ? svc.allowed() : paid.add(linePatient);
            allowed[line - 1] = allowed[line - 1] == null ? lineAllowed : allowed[line - 1].add(lineAllowed);
            boolean denied = paid.signum() == 0 && linePatient.signum() == 0 && zero(svc.charge()).signum() != 0;
            if (denied) {
                denials.add(new PayerResponse.Denial(line, svc.procedureCode(), zero(svc.charge()), reasons(svc.adjustments()),
                        svc.remarks().isEmpty() ? clp.remarks() : svc.remarks()));
            } else {
                anyPaidLine = true;
            }
        }
        BigDecimal claimLevelPaid = zero(clp.paid()).subtract(servicePaid);
        if (claimLevelPaid.signum() != 0) {
            entries.add(LedgerEntry.payment(0, claimLevelPaid));
        }
        for (Remittance.Adjustment a : clp.adjustments()) {
            entries.add(LedgerEntry.adjustment(0, a.group(), a.reason(), zero(a.amount())));
            if ("PR".equals(a.group())) {
                patient = patient.add(zero(a.amount()));
            } else {
                adjusted = adjusted.add(zero(a.amount()));
            }
        }

        ClaimStatus to;
        if (reversal) {
            to = ClaimStatus.REVERSED;
            denials.clear();
        } else if (clp.services().isEmpty()) {
            boolean denied = "4".equals(clp.statusCode()) || zero(clp.paid()).signum() == 0 && patient.signum() == 0;
            to = denied ? ClaimStatus.DENIED : ClaimStatus.PAID;
            if (denied) {
                denials.add(new PayerResponse.Denial(0, null, claim.totalCharge(), reasons(clp.adjustments()), clp.remarks()));
            }
        } else if ("4".equals(clp.statusCode()) || !anyPaidLine) {
            to = ClaimStatus.DENIED;
            if (denials.isEmpty()) { // CLP02 4 with lines the payer still priced: every line is denied
                for (int j = 0; j < clp.services().size(); j++) {
                    Remittance.ServicePayment svc = clp.services().get(j);
                    denials.add(new PayerResponse.Denial(lineOf[j], svc.procedureCode(), zero(svc.charge()),
                            reasons(svc.adjustments()), svc.remarks()));
                }
            }
        } else {
            to = denials.isEmpty() ? ClaimStatus.PAID : ClaimStatus.PARTIALLY_PAID;
        }

        Posting posting = new Posting(Posting.idOf(eraId, clpIndex), eraId, clpIndex, claim.id(), deliveryId,
                era.payment().traceNumber(), era.payment().date(), clp.statusCode(), clp.payerClaimControlNumber(),
                zero(clp.charge()), zero(clp.paid()), patient, entries, remarks.stream().distinct().toList(), now);
        List<BigDecimal> allowedByLine = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            BigDecimal earlier = before == null || before.allowedByLine().size() <= i ? null : before.allowedByLine().get(i);
            allowedByLine.add(earlier == null ? allowed[i] : allowed[i] == null ? earlier : earlier.add(allowed[i]));
        }
        PayerResponse.RemittanceTotals totals = new PayerResponse.RemittanceTotals(
                (before == null ? BigDecimal.ZERO : before.paid()).add(zero(clp.paid())),
                (before == null ? BigDecimal.ZERO : before.patientResponsibility()).add(patient),
                (before == null ? BigDecimal.ZERO : before.adjusted()).add(adjusted),
                allowedByLine, eraId, now, (before == null ? 0 : before.postings()) + 1);
        return new Decision.Post(posting, to, stored.response().withRemittance(totals, clp.payerClaimControlNumber(), denials));
    }

    /** Why the claim payment does not balance ("line …" for a service line), or null when it does. */
    static String unbalanced(Remittance.ClaimPayment clp) {
        BigDecimal adjustments = sum(clp.adjustments());
        for (int j = 0; j < clp.services().size(); j++) {
            Remittance.ServicePayment svc = clp.services().get(j);
            BigDecimal lineAdjustments = sum(svc.adjustments());
            adjustments = adjustments.add(lineAdjustments);
            if (zero(svc.charge()).compareTo(zero(svc.paid()).add(lineAdjustments)) != 0) {
                return "line " + (j + 1) + " of claim payment " + clp.patientControlNumber() + " does not balance: charge "
                        + zero(svc.charge()).toPlainString() + " is not payment " + zero(svc.paid()).toPlainString()
                        + " plus adjustments " + lineAdjustments.toPlainString();
            }
        }
        if (zero(clp.charge()).compareTo(zero(clp.paid()).add(adjustments)) != 0) {
            return "claim payment " + clp.patientControlNumber() + " does not balance: charge " + zero(clp.charge()).toPlainString()
                    + " is not payment " + zero(clp.paid()).toPlainString() + " plus adjustments " + adjustments.toPlainString();
        }
        return null;
    }

    /**
     * The claim line (1-based) of each service payment, 0 where none matches: first by the line item control number
     * the 837P sent, then by procedure code, modifiers and charge, then by code and charge; each line at most once.
     */
    static int[] matchLines(Claim claim, String pcn, List<Remittance.ServicePayment> services) {
        int[] lineOf = new int[services.size()];
        Set<Integer> used = new HashSet<>();
        List<Charge> lines = claim.lines();
        for (int j = 0; j < services.size(); j++) {
            int n = ClaimControlNumbers.lineOf(pcn, services.get(j).lineItemControlNumber());
            if (n >= 1 && n <= lines.size() && used.add(n)) {
                lineOf[j] = n;
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < services.size(); j++) {
                if (lineOf[j] != 0) {
                    continue;
                }
                Remittance.ServicePayment svc = services.get(j);
                for (int i = 0; i < lines.size(); i++) {
                    Charge line = lines.get(i);
                    boolean same = line.code().equalsIgnoreCase(nullToEmpty(svc.procedureCode()))
                            && line.amount().compareTo(zero(svc.charge()).abs()) == 0
                            && (pass == 1 || Set.copyOf(line.modifiers()).equals(Set.copyOf(svc.modifiers())));
                    if (same && used.add(i + 1)) {
                        lineOf[j] = i + 1;
                        break;
                    }
                }
            }
        }
        return lineOf;
    }

    private static List<String> reasons(List<Remittance.Adjustment> adjustments) {
        return adjustments.stream().map(a -> a.group() + "-" + a.reason()).distinct().toList();
    }

    private static Decision hold(Remittance.ClaimPayment clp, int index, String claimId, Unapplied.Reason reason, String message) {
        return new Decision.Hold(new Unapplied(index, clp.patientControlNumber(), claimId, reason, message, zero(clp.charge()),
                zero(clp.paid())));
    }

    private static BigDecimal sum(List<Remittance.Adjustment> adjustments) {
        BigDecimal total = BigDecimal.ZERO;
        for (Remittance.Adjustment a : adjustments) {
            total = total.add(zero(a.amount()));
        }
        return total;
    }

    private static BigDecimal zero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
