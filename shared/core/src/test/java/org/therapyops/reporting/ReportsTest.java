package org.therapyops.reporting;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.PracticeSettings;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportsTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    final ReportingRules rules = ReportingRules.load();
    final Contributions contributions = new Contributions(rules);
    final Reports reports = new Reports(rules);
    final InMemoryReportingStore store = new InMemoryReportingStore();

    void add(Contribution c, String key) {
        store.update("p", key, f -> new org.therapyops.ports.ReportingStore.Fact(Map.of("k", key), c));
    }

    ReportTable report(String name, String groupBy) {
        ReportQuery q = ReportQuery.of(name, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 6), groupBy, TODAY);
        var snapshot = store.read("p", q.name().dayKinds(q.groupBy()), q.from(), q.to(), q.arRead(TODAY, rules), true);
        return reports.build(q, new ReportData(TODAY, snapshot.aggregates(), snapshot.work(), PracticeSettings.ReportingThresholds.DEFAULTS,
                Map.of("payer-1", "Acme Health"), Map.of(), Map.of("pt-1", "PT")));
    }

    @Test
    void claimRatesAreRatiosOfTheSumsOverTheRange() {
        add(contributions.ofClaim(new ClaimSnapshot(Claims.claim("c1", ClaimStatus.PAID, Claims.paid(),
                Claims.remitted("100.00", "0", "0", List.of())), Claims.SCRUBBED), ZONE), "c1");
        List<PayerResponse.Denial> denied = List.of(Claims.denial(1, "60.00", "CO-197"), Claims.denial(2, "40.00", "CO-197"));
        ClaimMilestones m = ClaimMilestones.NONE.scrubbed(ClaimStatus.NEEDS_REVIEW, Claims.SCRUBBED).submitted(Claims.SUBMITTED)
                .answered(ClaimStatus.DENIED, Claims.PAID, denied);
        add(contributions.ofClaim(new ClaimSnapshot(Claims.claim("c2", ClaimStatus.DENIED, m,
                Claims.remitted("0", "0", "100.00", denied)), Claims.SCRUBBED), ZONE), "c2");

        ReportTable claims = report("claims", "payer");
        Map<String, Object> total = claims.total().values();
        assertThat(total.get("claimsScrubbed")).isEqualTo(new BigDecimal("2"));
        assertThat(total.get("cleanClaimRate")).isEqualTo(new BigDecimal("0.5000"));
        assertThat(total.get("firstPassAcceptanceRate")).isEqualTo(new BigDecimal("1.0000"));
        assertThat(total.get("firstPassResolutionRate")).isEqualTo(new BigDecimal("0.5000"));
        assertThat(total.get("denialRateByCount")).isEqualTo(new BigDecimal("0.5000"));
        assertThat(total.get("denialRateByAmount")).isEqualTo(new BigDecimal("0.5000"));
        assertThat(claims.rows()).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo("Acme Health");
            assertThat(r.values()).isEqualTo(total);
        });

        // c2's denials are not worked, but were posted on 2026-12-01: 5 days, not yet past the 14-day threshold
        Map<String, Object> summary = report("summary", null).total().values();
        assertThat(summary.get("denied")).isEqualTo(new BigDecimal("0"));
        assertThat(summary.get("leakageAmount")).isEqualTo(new BigDecimal("0.00"));
        assertThat(report("leakage-items", null).rows()).isEmpty();

        ReportTable carcs = report("denials", null);
        assertThat(carcs.rows()).singleElement().satisfies(r -> {
            assertThat(r.group()).isEqualTo("197");
            assertThat(r.values().get("deniedClaims")).isEqualTo(new BigDecimal("1"));
            assertThat(r.values().get("deniedAmount")).isEqualTo(new BigDecimal("100.00"));
            assertThat(r.values().get("shareOfDeniedAmount")).isEqualTo(new BigDecimal("1.0000"));
        });
        String csv = carcs.toCsv();
        assertThat(csv).startsWith("group,label,deniedClaims,deniedAmount,denialRateByCount,denialRateByAmount,shareOfDeniedAmount\r\n")
                .contains("197,197,1,100.00,0.5000,0.5000,1.0000\r\n").contains("TOTAL,All,1,100.00,0.5000,0.5000,1.0000\r\n");
    }

    @Test
    void openArIsAgedByDateOfServiceAsOfTodayWithOlderBalancesInTheLastBucket() {
        PayerResponse sent = PayerResponse.NONE.withSubmission("B1", Claims.SUBMITTED);
        // 2026-11-16 is 20 days before today; a claim of 2026-07-01 is over 120
        add(contributions.ofClaim(new ClaimSnapshot(Claims.claim("c1", ClaimStatus.ACCEPTED, ClaimMilestones.NONE, sent), null), ZONE), "c1");
        StoredClaim old = Claims.claim("c2", ClaimStatus.PAID, Claims.paid(), Claims.remitted("70.00", "30.00", "0", List.of()));
        var oldClaim = new org.therapyops.billing.Claim(old.claim().id(), old.claim().patientId(), old.claim().coverageId(),
                old.claim().payerId(), old.claim().payerName(), old.claim().payerEdiId(), old.claim().billingProvider(), null, null,
                old.claim().subscriber(), LocalDate.of(2026, 7, 1), "11", old.claim().frequency(), null, null, old.claim().diagnoses(),
                old.claim().lines());
        add(contributions.ofClaim(new ClaimSnapshot(new StoredClaim(oldClaim, null, null, ClaimStatus.PAID, true, Claims.CREATED, 4,
                old.response(), old.milestones()), null), ZONE), "c2");

        ReportTable ar = report("ar", null);
        Map<String, Object> v = ar.total().values();
        assertThat(v.get("insurance0To30")).isEqualTo(new BigDecimal("100.00"));
        assertThat(v.get("patientOver120")).isEqualTo(new BigDecimal("30.00"));
        assertThat(v.get("arTotal")).isEqualTo(new BigDecimal("130.00"));
        assertThat(v.get("arOver90Share")).isEqualTo(new BigDecimal("0.2308"));
        // charges of 2026-11-01..12-06 (36 days): the 2026-11-16 claim's 100.00; the July one is outside the range
        assertThat(v.get("charges")).isEqualTo(new BigDecimal("100.00"));
        assertThat(v.get("daysInAr")).isEqualTo(new BigDecimal("46.8"));
    }

    @Test
    void aGroupLeftWithNothingButZeroesIsNotShown() {
        // a claim first billed to payer-1, then corrected to payer-2: payer-1's counters are back to zero
        StoredClaim first = Claims.claim("c1", ClaimStatus.PAID, Claims.paid(), Claims.remitted("100.00", "0", "0", List.of()));
        add(contributions.ofClaim(new ClaimSnapshot(first, Claims.SCRUBBED), ZONE), "c1");
        var c = first.claim();
        var moved = new org.therapyops.billing.Claim(c.id(), c.patientId(), c.coverageId(), "payer-2", "Other Health", c.payerEdiId(),
                c.billingProvider(), null, null, c.subscriber(), c.dateOfService(), "11", c.frequency(), null, null, c.diagnoses(), c.lines());
        add(contributions.ofClaim(new ClaimSnapshot(new StoredClaim(moved, null, null, ClaimStatus.PAID, true, Claims.CREATED, 6,
                first.response(), first.milestones()), Claims.SCRUBBED), ZONE), "c1");

        assertThat(report("claims", "payer").rows()).extracting(ReportTable.Row::group).containsExactly("payer-2");
        assertThat(report("collections", "payer").rows()).extracting(ReportTable.Row::group).containsExactly("payer-2");
        assertThat(report("denials", "payer").rows()).isEmpty();
    }

    @Test
    void lagsAreNearestRankPercentilesOfTheHistograms() {
        Map<Long, BigDecimal> h = Map.of(1L, new BigDecimal("3"), 4L, new BigDecimal("1"), 9L, new BigDecimal("1"));
        assertThat(Reports.percentile(h, 50)).isEqualTo(BigDecimal.valueOf(1));
        assertThat(Reports.percentile(h, 90)).isEqualTo(BigDecimal.valueOf(9));
        assertThat(Reports.percentile(Map.of(2L, BigDecimal.ONE, 5L, BigDecimal.ONE), 50)).isEqualTo(BigDecimal.valueOf(2));
        assertThat(Reports.percentile(Map.of(), 50)).isNull();
    }

    @Test
    void lateCancellationsAreThoseWithLessNoticeThanTheSettingAndRatesAreOverTheSessionsDue() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 2, 9, 0);
        Instant at = start.atZone(ZONE).toInstant();
        add(contributions.ofSession(session("a1", AppointmentStatus.CANCELLED, start, at.minusSeconds(3 * 3600)), ZONE), "a1");
        add(contributions.ofSession(session("a2", AppointmentStatus.CANCELLED, start, at.minusSeconds(48 * 3600)), ZONE), "a2");
        add(contributions.ofSession(session("a3", AppointmentStatus.NO_SHOW, start, null), ZONE), "a3");
        add(contributions.ofSession(session("a4", AppointmentStatus.COMPLETED, start, null), ZONE), "a4");
        Map<String, Object> v = report("attendance", "provider").total().values();
        assertThat(v.get("cancellations")).isEqualTo(new BigDecimal("2"));
        assertThat(v.get("lateCancellations")).isEqualTo(new BigDecimal("1"));
        assertThat(v.get("due")).isEqualTo(new BigDecimal("3"));
        assertThat(v.get("noShowRate")).isEqualTo(new BigDecimal("0.3333"));
        assertThat(v.get("lateCancelRate")).isEqualTo(new BigDecimal("0.3333"));
        assertThat(report("productivity", "discipline").rows()).singleElement().satisfies(r -> {
            assertThat(r.group()).isEqualTo("PT");
            assertThat(r.values().get("sessions")).isEqualTo(new BigDecimal("1"));
        });
        // the completed session has no note and is 4 days old: past the 3-day threshold
        ReportTable leakage = report("leakage", null);
        assertThat(leakage.rows()).filteredOn(r -> r.group().equals("NOTE_MISSING")).singleElement()
                .satisfies(r -> assertThat(r.values().get("count")).isEqualTo(new BigDecimal("1")));
        assertThat(report("leakage-items", null).rows()).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo("a4");
            assertThat(r.values().get("ageDays")).isEqualTo(new BigDecimal("4"));
        });
        // the summary counts the same due items from the work totals, without reading them
        Map<String, Object> summary = report("summary", null).total().values();
        assertThat(summary.get("noteMissing")).isEqualTo(new BigDecimal("1"));
        assertThat(summary.get("claimMissing")).isEqualTo(new BigDecimal("0"));
        assertThat(summary.get("leakageAmount")).isEqualTo(new BigDecimal("0.00"));
    }

    static SessionFact session(String id, AppointmentStatus status, LocalDateTime start, Instant cancelledAt) {
        return SessionFact.empty(id).with(new SessionFact.Appointment(2, status, start, "pt-1", "p1", cancelledAt));
    }

    @Test
    void badQueriesNameTheirField() {
        assertThatThrownBy(() -> ReportQuery.of("nope", null, null, null, TODAY)).isInstanceOf(InvalidReportQueryException.class)
                .extracting(e -> ((InvalidReportQueryException) e).field()).isEqualTo("name");
        assertThatThrownBy(() -> ReportQuery.of("claims", TODAY, TODAY.minusDays(1), null, TODAY))
                .extracting(e -> ((InvalidReportQueryException) e).field()).isEqualTo("to");
        assertThatThrownBy(() -> ReportQuery.of("claims", TODAY.minusMonths(24).minusDays(1), TODAY, null, TODAY))
                .extracting(e -> ((InvalidReportQueryException) e).field()).isEqualTo("to");
        assertThatThrownBy(() -> ReportQuery.of("claims", null, null, "carc", TODAY))
                .extracting(e -> ((InvalidReportQueryException) e).field()).isEqualTo("groupBy");
        ReportQuery q = ReportQuery.of("summary", null, null, null, TODAY);
        assertThat(q.from()).isEqualTo(TODAY.minusDays(29));
        assertThat(q.days()).isEqualTo(30);
        assertThat(ReportQuery.of("claims", TODAY.minusMonths(24), TODAY, "payer", TODAY).groupBy()).isEqualTo(Dimension.PAYER);
    }
}
