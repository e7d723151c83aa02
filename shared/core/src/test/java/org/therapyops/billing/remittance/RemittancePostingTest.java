package org.therapyops.billing.remittance;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.billing.remittance.Remittances.cas;
import static org.therapyops.billing.remittance.Remittances.clp;
import static org.therapyops.billing.remittance.Remittances.d;
import static org.therapyops.billing.remittance.Remittances.era;
import static org.therapyops.billing.remittance.Remittances.submitted;
import static org.therapyops.billing.remittance.Remittances.svc;

/**
 * The posting rules of an 835: what balances, what matches, and the status and totals a claim gets (X12 005010X221A1:
 * CLP03 = CLP04 + all CAS; SVC02 = SVC03 + its CAS; BPR02 = ΣCLP04 − ΣPLB; CLP02 4 denied, 22 reversal).
 */
class RemittancePostingTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static RemittancePosting.Decision decide(StoredClaim claim, Remittance era, int index) {
        return RemittancePosting.decide(claim, era, index, RemittancePosting.eraId(era.payment()), "dlv-1", NOW);
    }

    private static RemittancePosting.Decision.Post post(StoredClaim claim, Remittance era) {
        RemittancePosting.Decision decision = decide(claim, era, 0);
        assertThat(decision).isInstanceOf(RemittancePosting.Decision.Post.class);
        return (RemittancePosting.Decision.Post) decision;
    }

    private static Unapplied hold(StoredClaim claim, Remittance era) {
        RemittancePosting.Decision decision = decide(claim, era, 0);
        assertThat(decision).isInstanceOf(RemittancePosting.Decision.Hold.class);
        return ((RemittancePosting.Decision.Hold) decision).unapplied();
    }

    @Test
    void paidInFullIsPaidWithOnePaymentPerLine() {
        StoredClaim claim = submitted("c1", "97110", "90.00", "97140", "44.00");
        Remittance era = era("T1", clp("c1", "1", "134.00", "134.00", List.of(),
                svc("c1", 1, "97110", "90.00", "90.00"), svc("c1", 2, "97140", "44.00", "44.00")));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.to()).isEqualTo(ClaimStatus.PAID);
        assertThat(post.posting().entries()).containsExactly(LedgerEntry.payment(1, d("90.00")), LedgerEntry.payment(2, d("44.00")));
        PayerResponse.RemittanceTotals totals = post.response().remittance();
        assertThat(totals.paid()).isEqualByComparingTo("134");
        assertThat(totals.patientResponsibility()).isEqualByComparingTo("0");
        assertThat(totals.allowedByLine()).containsExactly(d("90.00"), d("44.00"));
        assertThat(post.response().payerClaimControlNumber()).isEqualTo("PCCN-c1");
        assertThat(post.response().denials()).isEmpty();
    }

    @Test
    void aPartialPaymentWithCoinsuranceAndAContractualAdjustmentIsPaidAndOwesThePatient() {
        StoredClaim claim = submitted("c2", "97110", "100.00");
        Remittance era = era("T2", clp("c2", "1", "100.00", "64.00", List.of(),
                svc("c2", 1, "97110", "100.00", "64.00", cas("CO", "45", "20.00"), cas("PR", "2", "16.00"))));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.to()).isEqualTo(ClaimStatus.PAID);
        assertThat(post.posting().patientResponsibility()).isEqualByComparingTo("16");
        assertThat(post.response().remittance().adjusted()).isEqualByComparingTo("20");
        assertThat(post.response().remittance().allowedByLine()).containsExactly(d("80.00")); // paid + PR without AMT*B6
    }

    @Test
    void oneDeniedLineBesideAPaidOneIsPartiallyPaidWithTheDenialToWork() {
        StoredClaim claim = submitted("c3", "97110", "90.00", "97140", "44.00");
        Remittance era = era("T3", clp("c3", "1", "134.00", "72.00", List.of(),
                svc("c3", 1, "97110", "90.00", "72.00", cas("CO", "45", "18.00")),
                svc("c3", 2, "97140", "44.00", "0", cas("CO", "97", "44.00"))));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.to()).isEqualTo(ClaimStatus.PARTIALLY_PAID);
        assertThat(post.response().denials()).singleElement().satisfies(denial -> {
            assertThat(denial.line()).isEqualTo(2);
            assertThat(denial.reasons()).containsExactly("CO-97");
            assertThat(denial.primaryReason()).isEqualTo("97");
            assertThat(denial.amount()).isEqualByComparingTo("44");
        });
    }

    @Test
    void clp02FourIsDeniedEvenWithEveryLineListed() {
        StoredClaim claim = submitted("c4", "97110", "90.00");
        Remittance era = era("T4", clp("c4", "4", "90.00", "0", List.of(), svc("c4", 1, "97110", "90.00", "0", cas("CO", "197", "90.00"))));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.to()).isEqualTo(ClaimStatus.DENIED);
        assertThat(post.response().denials()).extracting(PayerResponse.Denial::primaryReason).containsExactly("197");
        assertThat(post.response().remittance().allowedByLine()).containsExactly(d("0"));
    }

    @Test
    void aZeroPaymentOwedByThePatientIsNotADenial() {
        StoredClaim claim = submitted("c5", "97110", "90.00");
        Remittance era = era("T5", clp("c5", "1", "90.00", "0", List.of(),
                svc("c5", 1, "97110", "90.00", "0", cas("CO", "45", "10.00"), cas("PR", "1", "80.00"))));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.to()).isEqualTo(ClaimStatus.PAID);
        assertThat(post.response().denials()).isEmpty();
        assertThat(post.response().remittance().patientResponsibility()).isEqualByComparingTo("80");
    }

    @Test
    void aClaimLevelDenialWithoutServiceLinesIsDeniedAsAWhole() {
        StoredClaim claim = submitted("c6", "97110", "90.00");
        Remittance era = era("T6", clp("c6", "4", "90.00", "0", List.of(cas("CO", "29", "90.00"))));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.to()).isEqualTo(ClaimStatus.DENIED);
        assertThat(post.response().denials()).singleElement().satisfies(d -> {
            assertThat(d.line()).isZero();
            assertThat(d.reasons()).containsExactly("CO-29");
        });
        assertThat(post.posting().entries()).containsExactly(LedgerEntry.adjustment(0, "CO", "29", d("90.00")));
    }

    @Test
    void aReversalNegatesThePaymentAndClearsTheDenials() {
        StoredClaim paid = submitted("c7", "97110", "90.00");
        Remittance first = era("T7", clp("c7", "1", "90.00", "90.00", List.of(), svc("c7", 1, "97110", "90.00", "90.00")));
        StoredClaim afterFirst = after(paid, post(paid, first));
        Remittance reversal = era("T8", clp("c7", "22", "-90.00", "-90.00", List.of(), svc("c7", 1, "97110", "-90.00", "-90.00")));
        RemittancePosting.Decision.Post post = post(afterFirst, reversal);
        assertThat(post.to()).isEqualTo(ClaimStatus.REVERSED);
        assertThat(post.posting().reversal()).isTrue();
        assertThat(post.response().remittance().paid()).isEqualByComparingTo("0");
        assertThat(post.response().remittance().postings()).isEqualTo(2);
        assertThat(post.response().remittance().allowedByLine()).containsExactly(d("0.00"));
    }

    @Test
    void aReversalOfAClaimNeverPaidIsHeld() {
        StoredClaim claim = submitted("c8", "97110", "90.00");
        Remittance reversal = era("T9", clp("c8", "22", "-90.00", "-90.00", List.of(), svc("c8", 1, "97110", "-90.00", "-90.00")));
        assertThat(hold(claim, reversal).reason()).isEqualTo(Unapplied.Reason.NOTHING_TO_REVERSE);
    }

    @Test
    void anUnbalancedClaimPaymentIsHeld() {
        StoredClaim claim = submitted("c9", "97110", "90.00");
        Remittance era = era("T10", clp("c9", "1", "90.00", "80.00", List.of(), svc("c9", 1, "97110", "90.00", "80.00",
                cas("CO", "45", "5.00"))));
        Unapplied held = hold(claim, era);
        assertThat(held.reason()).isEqualTo(Unapplied.Reason.UNBALANCED_LINE);
        assertThat(held.message()).contains("does not balance").doesNotContain("Demo");

        Remittance claimLevel = era("T11", new Remittance.ClaimPayment(org.therapyops.billing.ClaimControlNumbers
                .patientControlNumber("c9"), "1", d("90.00"), d("80.00"), null, "CI", "X", null, List.of(), List.of(), List.of()));
        assertThat(hold(claim, claimLevel).reason()).isEqualTo(Unapplied.Reason.UNBALANCED_CLAIM);
    }

    @Test
    void aClaimPaymentForNoClaimOrANeverSubmittedOneIsHeld() {
        Remittance era = era("T12", clp("nope", "1", "90.00", "90.00", List.of(), svc("nope", 1, "97110", "90.00", "90.00")));
        assertThat(hold(null, era).reason()).isEqualTo(Unapplied.Reason.NO_MATCHING_CLAIM);

        StoredClaim ready = submitted("c10", "97110", "90.00");
        StoredClaim notSent = new StoredClaim(ready.claim(), ready.noteId(), ready.noteSignedAt(), ClaimStatus.READY, true,
                ready.createdAt(), 2);
        Remittance forReady = era("T13", clp("c10", "1", "90.00", "90.00", List.of(), svc("c10", 1, "97110", "90.00", "90.00")));
        assertThat(hold(notSent, forReady).reason()).isEqualTo(Unapplied.Reason.CLAIM_NOT_SUBMITTED);
    }

    @Test
    void anotherTotalChargeThanTheClaimsIsHeld() {
        StoredClaim claim = submitted("c11", "97110", "90.00");
        Remittance era = era("T14", clp("c11", "1", "95.00", "95.00", List.of(), svc("c11", 1, "97110", "95.00", "95.00")));
        assertThat(hold(claim, era).reason()).isEqualTo(Unapplied.Reason.CHARGE_MISMATCH);
    }

    @Test
    void linesMatchByTheirControlNumberElseByCodeModifiersAndCharge() {
        StoredClaim claim = submitted("c12", "97110", "45.00", "97110", "45.00", "97140", "44.00");
        // Sent back out of order, one without REF*6R: matched by control number first, then by code and charge.
        Remittance.ServicePayment third = svc("c12", 3, "97140", "44.00", "40.00", cas("CO", "45", "4.00"));
        Remittance.ServicePayment firstNoRef = new Remittance.ServicePayment("HC", "97110", List.of("GP"), d("45.00"), d("30.00"),
                BigDecimal.ONE, null, d("35.00"), null, List.of(cas("CO", "45", "10.00"), cas("PR", "2", "5.00")), List.of());
        Remittance.ServicePayment second = svc("c12", 2, "97110", "45.00", "45.00");
        Remittance era = era("T15", clp("c12", "1", "134.00", "115.00", List.of(), third, firstNoRef, second));
        RemittancePosting.Decision.Post post = post(claim, era);
        assertThat(post.posting().entries()).contains(LedgerEntry.payment(3, d("40.00")), LedgerEntry.payment(1, d("30.00")),
                LedgerEntry.payment(2, d("45.00")));
        assertThat(post.response().remittance().allowedByLine()).containsExactly(d("35.00"), d("45.00"), d("40.00"));

        Remittance.ServicePayment stranger = new Remittance.ServicePayment("HC", "97530", List.of("GP"), d("45.00"), d("45.00"),
                BigDecimal.ONE, null, null, null, List.of(), List.of());
        Remittance unmatched = era("T16", clp("c12", "1", "134.00", "134.00", List.of(), second, stranger,
                svc("c12", 3, "97140", "44.00", "44.00")));
        Unapplied held = hold(claim, unmatched);
        assertThat(held.reason()).isEqualTo(Unapplied.Reason.NO_MATCHING_LINE);
        assertThat(held.message()).contains("service payment 2 (97530");
    }

    @Test
    void anEraBalancesWithItsProviderAdjustmentsOrIsHeldWhole() {
        Remittance.ClaimPayment paid = clp("c13", "1", "90.00", "90.00", List.of(), svc("c13", 1, "97110", "90.00", "90.00"));
        Remittance.ProviderAdjustment interest = new Remittance.ProviderAdjustment("1245319599", java.time.LocalDate.of(2026, 12, 31),
                "L6", null, d("-1.50"));
        Remittance balanced = era("T17", List.of(interest), paid);
        assertThat(balanced.payment().amount()).isEqualByComparingTo("91.50");
        assertThat(RemittancePosting.eraProblems(balanced)).isEmpty();

        Remittance off = new Remittance(new Remittance.Payment("I", d("91.00"), "C", "ACH", null, "T18", "1123456789"),
                balanced.payer(), balanced.payee(), List.of(paid), List.of(interest));
        assertThat(RemittancePosting.eraProblems(off)).singleElement().asString().contains("BPR02 91.00");
    }

    @Test
    void theSamePaymentGetsTheSameEraIdAndAnotherTraceAnother() {
        Remittance a = era("T19", clp("c14", "1", "1", "1", List.of()));
        Remittance b = era("T19", clp("c14", "1", "1", "1", List.of()));
        Remittance c = era("T20", clp("c14", "1", "1", "1", List.of()));
        assertThat(RemittancePosting.eraId(a.payment())).isEqualTo(RemittancePosting.eraId(b.payment()))
                .isNotEqualTo(RemittancePosting.eraId(c.payment())).startsWith("era-");
    }

    private static StoredClaim after(StoredClaim claim, RemittancePosting.Decision.Post post) {
        return new StoredClaim(claim.claim(), claim.noteId(), claim.noteSignedAt(), post.to(), claim.queued(), claim.createdAt(),
                claim.version() + 1, post.response());
    }
}
