package org.therapyops.reporting;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.LedgerEntry;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.domain.AppointmentStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContributionsTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    final Contributions contributions = new Contributions(ReportingRules.load());

    static BigDecimal cell(Contribution c, Aggregate.Kind kind, LocalDate day, String counter) {
        return c.cells().getOrDefault(new Cell(kind == Aggregate.Kind.AR_TOTAL ? Aggregate.total() : new Aggregate(kind, day), counter),
                BigDecimal.ZERO);
    }

    @Test
    void aPaidClaimCountsItsFirstScrubDecisionAndAdjudicationOnTheirPracticeLocalDays() {
        StoredClaim claim = Claims.claim("c1", ClaimStatus.PAID, Claims.paid(), Claims.remitted("80.00", "20.00", "0", List.of()));
        Contribution c = contributions.ofClaim(new ClaimSnapshot(claim, Claims.SCRUBBED), NEW_YORK);

        LocalDate scrubDay = LocalDate.of(2026, 11, 16);
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, scrubDay, Metric.SCRUBBED)).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, scrubDay, Metric.CLEAN)).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_PAYER, scrubDay, "clean|payer-1")).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_PROVIDER, scrubDay, "clean|pt-1")).isEqualByComparingTo("1");
        LocalDate paidDay = LocalDate.of(2026, 12, 1);
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, paidDay, Metric.RESOLVED_FIRST)).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, paidDay, Metric.ADJUDICATED_CHARGE)).isEqualByComparingTo("100.00");
        // submitted 2026-11-18, paid 2026-12-01: 13 days
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, paidDay, "lagPay.13")).isEqualByComparingTo("1");
        // created on the date of service, submitted two days later
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, scrubDay, "lagCharge.0")).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 11, 18), "lagSubmit.2")).isEqualByComparingTo("1");
        // services on the date of service; the patient owes 20.00, the payer nothing more
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, scrubDay, Metric.CHARGES)).isEqualByComparingTo("100.00");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, scrubDay, Metric.UNITS)).isEqualByComparingTo("2");
        assertThat(cell(c, Aggregate.Kind.AR_TOTAL, null, "pat|payer-1")).isEqualByComparingTo("20.00");
        assertThat(cell(c, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isEqualByComparingTo("0");
        assertThat(c.work()).isEmpty();
    }

    @Test
    void aClaimScrubbedInTheEveningCountsOnThePracticesDateNotUtcs() {
        ClaimMilestones m = ClaimMilestones.NONE.scrubbed(ClaimStatus.NEEDS_REVIEW, Instant.parse("2026-11-17T03:30:00Z"));
        Contribution c = contributions.ofClaim(new ClaimSnapshot(Claims.claim("c1", ClaimStatus.NEEDS_REVIEW, m, PayerResponse.NONE),
                Instant.parse("2026-11-17T03:30:00Z")), NEW_YORK);
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 11, 16), Metric.SCRUBBED)).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 11, 16), Metric.CLEAN)).isZero();
        assertThat(c.work().values()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WorkItem.Kind.REVIEW);
            assertThat(w.since()).isEqualTo(LocalDate.of(2026, 11, 16));
            assertThat(w.amount()).isEqualByComparingTo("100.00");
        });
        // never sent: not in A/R
        assertThat(c.cells().keySet()).noneMatch(k -> k.aggregate().kind() == Aggregate.Kind.AR_TOTAL);
    }

    @Test
    void initialDenialsCountByClaimAndAmountPerReasonAndStayOnTheDenialsListUntilWorked() {
        List<PayerResponse.Denial> denials = List.of(Claims.denial(2, "40.00", "CO-97"));
        ClaimMilestones m = Claims.scrubbed(ClaimStatus.READY).submitted(Claims.SUBMITTED)
                .answered(ClaimStatus.PARTIALLY_PAID, Claims.PAID, denials);
        StoredClaim claim = Claims.claim("c1", ClaimStatus.PARTIALLY_PAID, m, Claims.remitted("50.00", "10.00", "40.00", denials));
        Contribution c = contributions.ofClaim(new ClaimSnapshot(claim, Claims.SCRUBBED), NEW_YORK);
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, day, Metric.DENIED)).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, day, Metric.DENIED_AMOUNT)).isEqualByComparingTo("40.00");
        assertThat(cell(c, Aggregate.Kind.DAY_CARC, day, "deniedAmount|97")).isEqualByComparingTo("40.00");
        assertThat(cell(c, Aggregate.Kind.DAY_CARC, day, "deniedClaims|97")).isEqualByComparingTo("1");
        // accepted implicitly by the 835, not resolved on first pass (partly paid)
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, day, Metric.ACCEPTED_FIRST)).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, day, Metric.RESOLVED_FIRST)).isZero();
        assertThat(c.work().values()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WorkItem.Kind.DENIED);
            assertThat(w.amount()).isEqualByComparingTo("40.00");
        });
        // the denied line is still owed by the payer while no one has worked it: 100 − 50 paid − 10 patient
        assertThat(cell(c, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isEqualByComparingTo("40.00");
        assertThat(cell(c, Aggregate.Kind.AR_TOTAL, null, "pat|payer-1")).isEqualByComparingTo("10.00");

        StoredClaim worked = Claims.claim("c1", ClaimStatus.PARTIALLY_PAID, m, claim.response().withDenialWork(
                new PayerResponse.DenialWork("APPEALED", null, "biller", Claims.PAID)));
        Contribution after = contributions.ofClaim(new ClaimSnapshot(worked, Claims.SCRUBBED), NEW_YORK);
        assertThat(after.work()).isEmpty();
        // appealed: still the payer's to pay
        assertThat(cell(after, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isEqualByComparingTo("40.00");
        // billed to the patient: the patient's; written off: no one's
        StoredClaim billed = Claims.claim("c1", ClaimStatus.PARTIALLY_PAID, m, claim.response().withDenialWork(
                new PayerResponse.DenialWork("BILLED_TO_PATIENT", null, "biller", Claims.PAID)));
        Contribution toPatient = contributions.ofClaim(new ClaimSnapshot(billed, Claims.SCRUBBED), NEW_YORK);
        assertThat(cell(toPatient, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isZero();
        assertThat(cell(toPatient, Aggregate.Kind.AR_TOTAL, null, "pat|payer-1")).isEqualByComparingTo("50.00");
        StoredClaim writtenOff = Claims.claim("c1", ClaimStatus.PARTIALLY_PAID, m, claim.response().withDenialWork(
                new PayerResponse.DenialWork("WRITTEN_OFF", null, "biller", Claims.PAID)));
        Contribution off = contributions.ofClaim(new ClaimSnapshot(writtenOff, Claims.SCRUBBED), NEW_YORK);
        assertThat(cell(off, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isZero();
        assertThat(cell(off, Aggregate.Kind.AR_TOTAL, null, "pat|payer-1")).isEqualByComparingTo("10.00");
        assertThat(cell(after, Aggregate.Kind.DAY_CARC, day, "deniedAmount|97")).isEqualByComparingTo("40.00"); // initial: kept
    }

    @Test
    void aClaimReplacedBeforeAnyRemittanceOwesNothingItsSuccessorCarriesTheCharge() {
        PayerResponse accepted = PayerResponse.NONE.withSubmission("B1", Claims.SUBMITTED).withSuccessor("c1-R1");
        StoredClaim claim = Claims.claim("c1", ClaimStatus.ACCEPTED, Claims.scrubbed(ClaimStatus.READY), accepted);
        Contribution c = contributions.ofClaim(new ClaimSnapshot(claim, Claims.SCRUBBED), NEW_YORK);
        assertThat(cell(c, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isZero();
        StoredClaim open = Claims.claim("c2", ClaimStatus.ACCEPTED, Claims.scrubbed(ClaimStatus.READY),
                PayerResponse.NONE.withSubmission("B1", Claims.SUBMITTED));
        Contribution o = contributions.ofClaim(new ClaimSnapshot(open, Claims.SCRUBBED), NEW_YORK);
        assertThat(cell(o, Aggregate.Kind.AR_TOTAL, null, "ins|payer-1")).isEqualByComparingTo("100.00");
        assertThat(cell(o, Aggregate.Kind.AR_DAY, LocalDate.of(2026, 11, 16), "ins|payer-1")).isEqualByComparingTo("100.00");
    }

    @Test
    void aPostingCountsItsPaymentOrItsReversalAsACreditAndItsContractualAdjustments() {
        Posting paid = posting("1", "80.00", List.of(LedgerEntry.payment(1, new BigDecimal("80.00")),
                LedgerEntry.adjustment(1, "CO", "45", new BigDecimal("15.00")), LedgerEntry.adjustment(1, "PR", "2", new BigDecimal("5.00")),
                LedgerEntry.adjustment(2, "CO", "97", new BigDecimal("40.00"))));
        Contribution c = contributions.ofPosting(paid, "payer-1", NEW_YORK);
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, day, Metric.PAYMENTS)).isEqualByComparingTo("80.00");
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, day, Metric.CONTRACTUAL)).isEqualByComparingTo("15.00");
        assertThat(cell(c, Aggregate.Kind.DAY_PAYER, day, "payments|payer-1")).isEqualByComparingTo("80.00");

        Posting reversal = posting("22", "-80.00", List.of(LedgerEntry.payment(1, new BigDecimal("-80.00")),
                LedgerEntry.adjustment(1, "CO", "45", new BigDecimal("-15.00"))));
        Contribution r = contributions.ofPosting(reversal, "payer-1", NEW_YORK);
        assertThat(cell(r, Aggregate.Kind.DAY_TOTAL, day, Metric.CREDITS)).isEqualByComparingTo("80.00");
        assertThat(cell(r, Aggregate.Kind.DAY_TOTAL, day, Metric.PAYMENTS)).isZero();
        assertThat(cell(r, Aggregate.Kind.DAY_TOTAL, day, Metric.CONTRACTUAL)).isEqualByComparingTo("-15.00");
    }

    static Posting posting(String status, String paid, List<LedgerEntry> entries) {
        return new Posting("era-1-0", "era-1", 0, "c1", "d1", "T1", LocalDate.of(2026, 12, 1), status, "PCCN",
                new BigDecimal("100.00"), new BigDecimal(paid), BigDecimal.ZERO, entries, List.of(), Claims.PAID);
    }

    @Test
    void aCancellationCountsByHoursOfNoticeAndACompletedSessionLeaksUntilItsNoteIsSigned() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 3, 9, 0);
        SessionFact cancelled = SessionFact.empty("a1").with(new SessionFact.Appointment(3, AppointmentStatus.CANCELLED, start,
                "pt-1", "p1", start.atZone(NEW_YORK).toInstant().minusSeconds(5 * 3600 + 59 * 60)));
        Contribution c = contributions.ofSession(cancelled, NEW_YORK);
        assertThat(cell(c, Aggregate.Kind.DAY_TOTAL, start.toLocalDate(), "cancelled.5")).isEqualByComparingTo("1");
        assertThat(cell(c, Aggregate.Kind.DAY_PROVIDER, start.toLocalDate(), "cancelled.5|pt-1")).isEqualByComparingTo("1");

        SessionFact completed = SessionFact.empty("a2").with(new SessionFact.Appointment(4, AppointmentStatus.COMPLETED, start,
                "pt-1", "p1", null));
        assertThat(contributions.ofSession(completed, NEW_YORK).work().values()).singleElement()
                .satisfies(w -> assertThat(w.kind()).isEqualTo(WorkItem.Kind.NOTE_MISSING));
        SessionFact documented = completed.with(new SessionFact.Note("n2", 2, true));
        assertThat(contributions.ofSession(documented, NEW_YORK).work()).isEmpty();
        assertThat(SessionFact.of("a2", documented.parts())).isEqualTo(documented);
        // an older appointment change arriving late changes nothing
        assertThat(documented.with(new SessionFact.Appointment(3, AppointmentStatus.SCHEDULED, start, "pt-1", "p1", null)))
                .isSameAs(documented);
    }

    @Test
    void theDifferenceOfTwoContributionsCarriesOnlyWhatChanged() {
        Contribution before = Contribution.builder().add(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 1), "a", BigDecimal.ONE)
                .add(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 1), "b", BigDecimal.TEN)
                .work(new WorkItem(WorkItem.Kind.REVIEW, LocalDate.of(2026, 12, 1), "c1", BigDecimal.TEN, null, null, null, null, null))
                .build();
        Contribution after = Contribution.builder().add(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 1), "b", BigDecimal.TEN)
                .add(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 2), "a", BigDecimal.ONE)
                .work(new WorkItem(WorkItem.Kind.UNSUBMITTED, LocalDate.of(2026, 12, 2), "c1", BigDecimal.TEN, null, null, null, null, null))
                .build();
        Aggregate december = Aggregate.work(LocalDate.of(2026, 12, 2));
        Contribution.Delta delta = after.minus(before);
        assertThat(delta.cells()).containsOnly(
                Map.entry(new Cell(new Aggregate(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 1)), "a"), BigDecimal.ONE.negate()),
                Map.entry(new Cell(new Aggregate(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 2)), "a"), BigDecimal.ONE),
                // the work totals follow the work item from one list to the other
                Map.entry(new Cell(december, "workCount|REVIEW@2026-12-01"), BigDecimal.ONE.negate()),
                Map.entry(new Cell(december, "workAmount|REVIEW@2026-12-01"), BigDecimal.TEN.negate()),
                Map.entry(new Cell(december, "workCount|UNSUBMITTED@2026-12-02"), BigDecimal.ONE),
                Map.entry(new Cell(december, "workAmount|UNSUBMITTED@2026-12-02"), BigDecimal.TEN));
        assertThat(delta.removedWork()).containsExactly("REVIEW#2026-12-01#c1");
        assertThat(delta.putWork()).containsOnlyKeys("UNSUBMITTED#2026-12-02#c1");
        assertThat(after.minus(after).isEmpty()).isTrue();
    }

    @Test
    void workIsCountedInTheAggregateOfTheMonthItBecameOpen() {
        Contribution c = Contribution.builder()
                .work(new WorkItem(WorkItem.Kind.UNSUBMITTED, LocalDate.of(2026, 11, 30), "c1", BigDecimal.TEN, null, "READY",
                        "payer-1", "pt-1", "patient-1"))
                .work(new WorkItem(WorkItem.Kind.UNSUBMITTED, LocalDate.of(2026, 12, 1), "c2", BigDecimal.ONE, null, "READY",
                        "payer-1", "pt-1", "patient-1")).build();

        assertThat(c.cells().keySet()).extracting(cell -> cell.aggregate().key())
                .containsOnly("W#2026-11-01", "W#2026-12-01");
        assertThat(c.cells()).containsEntry(new Cell(Aggregate.work(LocalDate.of(2026, 11, 30)), "workAmount|UNSUBMITTED@2026-11-30"),
                BigDecimal.TEN);
        assertThat(Aggregate.ofKey("W#2026-12-01")).isEqualTo(Aggregate.work(LocalDate.of(2026, 12, 31)));
        assertThatThrownBy(() -> new Aggregate(Aggregate.Kind.WORK, LocalDate.of(2026, 12, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("month");
    }
}
