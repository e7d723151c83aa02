package org.therapyops.reporting;

import org.therapyops.reporting.service.ReportQueries;
import org.therapyops.reporting.service.ReportingService;
import org.therapyops.reporting.service.WeeklyReports;

import org.junit.jupiter.api.Test;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertEmail;
import org.therapyops.domain.alert.AlertRecipients;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.WeeklyReport;
import org.therapyops.ports.AlertRepository;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyReportsTest {

    // Monday 2026-12-07, 12:00 UTC: 07:00 in New York
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    final InMemoryReportingStore store = new InMemoryReportingStore();
    final Map<String, Alert> alerts = new HashMap<>();
    final List<String> queued = new ArrayList<>();
    final PracticeSettings settings = PracticeSettings.defaults();

    AlertRepository alertRepository() {
        return (AlertRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AlertRepository.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "putIfAbsent" -> alerts.putIfAbsent(((Alert) args[0]).id(), (Alert) args[0]) == null;
                    case "alert" -> Optional.ofNullable(alerts.get((String) args[1]));
                    case "queued" -> queued.contains((String) args[1]);
                    case "markQueued" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    WeeklyReports weekly() {
        var practice = Stubs.practice(settings);
        AlertRaiser raiser = new AlertRaiser(practice, alertRepository(), (practiceId, alertId) -> queued.add(alertId), clock);
        return new WeeklyReports(store, new ReportQueries(store, practice, ReportingRules.load(), clock), practice,
                alertRepository(), raiser, clock);
    }

    @Test
    void eachPracticeGetsOneReportOfItsLastWeekAgainstTheWeekBeforeWithoutPatientData() {
        ReportingService reporting = new ReportingService(store, Stubs.practice(settings), Stubs.claims(Map.of()),
                new Contributions(ReportingRules.load()), clock);
        // paid on 2026-12-01 (last week: Mon 11-30 to Sun 12-06); a week-before claim scrubbed on 11-24 only
        StoredClaim paid = Claims.claim("c1", ClaimStatus.PAID, Claims.paid(), Claims.remitted("100.00", "0", "0", List.of()));
        reporting.claimChanged("p1", new ClaimSnapshot(paid, Claims.SCRUBBED));
        StoredClaim review = Claims.claim("c2", ClaimStatus.NEEDS_REVIEW,
                org.therapyops.billing.ClaimMilestones.NONE.scrubbed(ClaimStatus.NEEDS_REVIEW, Instant.parse("2026-11-24T15:00:00Z")),
                PayerResponse.NONE);
        reporting.claimChanged("p1", new ClaimSnapshot(review, Instant.parse("2026-11-24T15:00:00Z")));

        WeeklyReports weekly = weekly();
        assertThat(weekly.run().raised()).isEqualTo(1);
        assertThat(weekly.run().raised()).isZero();
        assertThat(queued).hasSize(1);

        Alert alert = alerts.values().iterator().next();
        assertThat(alert.type()).isEqualTo(AlertType.WEEKLY_REPORT);
        assertThat(alert.patientId()).isNull();
        WeeklyReport report = alert.weeklyReport();
        assertThat(report.from()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(report.to()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(report.figure("firstPassResolutionRate").orElseThrow().value()).isEqualByComparingTo("1");
        assertThat(report.figure("cleanClaimRate").orElseThrow().value()).isNull(); // nothing first scrubbed last week
        assertThat(report.figure("cleanClaimRate").orElseThrow().previous()).isEqualByComparingTo("0"); // c2, the week before
        assertThat(report.figure("review").orElseThrow().value()).isEqualByComparingTo("1");
        assertThat(report.figure("review").orElseThrow().previous()).isNull(); // no report the week before

        AlertEmail email = AlertEmail.of(alert, "https://app.example/");
        assertThat(email.subject()).isEqualTo("Therapy Ops: your week of 2026-11-30 to 2026-12-06");
        assertThat(email.link()).isEqualTo("https://app.example/reports/summary?from=2026-11-30&to=2026-12-06");
        assertThat(email.text()).contains("First-pass resolution: 100.0% (week before: -, change: -)")
                .contains("Clean claim rate: - (week before: 0.0%, change: -)")
                .doesNotContain("patient").doesNotContain("p1 ").doesNotContain("Demo").doesNotContain("PAID123");
        assertThat(email.html()).contains("<td>Claims needing review, not worked</td><td align=\"right\">1</td>");
    }

    @Test
    void theWeeklyReportGoesToTheAdminsOnly() {
        PracticeSettings s = new PracticeSettings(settings.schedulingPolicy(), settings.overrideRole(), settings.timeZone(),
                settings.alerts(), Map.of("admin", List.of("boss@example.org"), "biller", List.of("bills@example.org")), 1);
        assertThat(AlertRecipients.of(AlertType.WEEKLY_REPORT, s)).containsExactly("boss@example.org");
        assertThat(AlertRecipients.of(AlertType.WEEKLY_REPORT, settings)).isEmpty();
    }

    @Test
    void aChangeIsWrittenInPointsDollarsAndCounts() {
        WeeklyReport.Figure ratio = new WeeklyReport.Figure("r", "R", WeeklyReport.Kind.RATIO, new BigDecimal("0.9512"), new BigDecimal("0.9"));
        assertThat(Alert.class).isNotNull();
        WeeklyReport w = new WeeklyReport(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6), List.of(ratio,
                new WeeklyReport.Figure("a", "A", WeeklyReport.Kind.AMOUNT, new BigDecimal("1234.5"), new BigDecimal("2000")),
                new WeeklyReport.Figure("c", "C", WeeklyReport.Kind.COUNT, new BigDecimal("3"), new BigDecimal("3"))));
        Alert alert = new Alert("id", "p1", AlertType.WEEKLY_REPORT, 0, null, null, null, null, null, null, null, "Week.",
                Instant.EPOCH, org.therapyops.domain.alert.AlertStatus.OPEN, null, null, null, w);
        String text = AlertEmail.of(alert, "https://app.example").text();
        assertThat(text).contains("R: 95.1% (week before: 90.0%, change: +5.1 pts)")
                .contains("A: $1,234.50 (week before: $2,000.00, change: -$765.50)")
                .contains("C: 3 (week before: 3, change: 0)");
    }
}
