package org.therapyops.reporting.service;

import org.therapyops.reporting.Dimension;
import org.therapyops.reporting.ReportName;
import org.therapyops.reporting.ReportQuery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.alert.Alert;
import org.therapyops.domain.alert.AlertStatus;
import org.therapyops.domain.alert.AlertType;
import org.therapyops.domain.alert.WeeklyReport;
import org.therapyops.ports.AlertRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ReportingStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weekly email to each practice's admins: for every practice with reports, the summary of its last full week
 * (Monday to Sunday, practice-local, ending before today) against the week before, raised once per practice and week
 * as a {@link AlertType#WEEKLY_REPORT} alert (its id is derived from the practice and the week, so reruns and retries
 * raise nothing twice) for the notifier to email. A practice that fails does not stop the others; the run then fails
 * as a whole so the scheduler retries it.
 */
public final class WeeklyReports {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyReports.class);

    /** The headline figures, as the summary report names them, with their labels and kinds; true: a figure of a moment. */
    record Headline(String name, String label, WeeklyReport.Kind kind, boolean moment) {
    }

    static final List<Headline> HEADLINES = List.of(
            new Headline("charges", "Charges (by date of service)", WeeklyReport.Kind.AMOUNT, false),
            new Headline("payments", "Payments posted", WeeklyReport.Kind.AMOUNT, false),
            new Headline("netCollectionRate", "Net collection rate", WeeklyReport.Kind.RATIO, false),
            new Headline("cleanClaimRate", "Clean claim rate", WeeklyReport.Kind.RATIO, false),
            new Headline("firstPassAcceptanceRate", "First-pass acceptance", WeeklyReport.Kind.RATIO, false),
            new Headline("firstPassResolutionRate", "First-pass resolution", WeeklyReport.Kind.RATIO, false),
            new Headline("denialRateByAmount", "Denial rate (by charges)", WeeklyReport.Kind.RATIO, false),
            new Headline("sessions", "Sessions completed", WeeklyReport.Kind.COUNT, false),
            new Headline("noShowRate", "No-show rate", WeeklyReport.Kind.RATIO, false),
            new Headline("lateCancelRate", "Late-cancel rate", WeeklyReport.Kind.RATIO, false),
            new Headline("arTotal", "Open A/R now", WeeklyReport.Kind.AMOUNT, true),
            new Headline("daysInAr", "Days in A/R", WeeklyReport.Kind.DAYS, true),
            new Headline("arOver90Share", "A/R over 90 days", WeeklyReport.Kind.RATIO, true),
            new Headline("noteMissing", "Completed sessions without a signed note", WeeklyReport.Kind.COUNT, true),
            new Headline("claimMissing", "Signed notes without a claim", WeeklyReport.Kind.COUNT, true),
            new Headline("unsubmitted", "READY claims not submitted", WeeklyReport.Kind.COUNT, true),
            new Headline("review", "Claims needing review, not worked", WeeklyReport.Kind.COUNT, true),
            new Headline("rejected", "Rejected claims, not corrected", WeeklyReport.Kind.COUNT, true),
            new Headline("denied", "Denials not worked", WeeklyReport.Kind.COUNT, true),
            new Headline("expiring", "Authorizations ending with units unused", WeeklyReport.Kind.COUNT, true));

    private final ReportingStore store;
    private final ReportQueries queries;
    private final PracticeRepository practice;
    private final AlertRepository alerts;
    private final AlertRaiser raiser;
    private final Clock clock;

    public WeeklyReports(ReportingStore store, ReportQueries queries, PracticeRepository practice, AlertRepository alerts,
                         AlertRaiser raiser, Clock clock) {
        this.store = store;
        this.queries = queries;
        this.practice = practice;
        this.alerts = alerts;
        this.raiser = raiser;
        this.clock = clock;
    }

    /** The alert's id: one per practice and week (the week's Monday). */
    public static String idOf(String practiceId, LocalDate monday) {
        return Alert.idOf("weekly-report#" + practiceId + "#" + monday);
    }

    /** The last full week before {@code today}: Monday to Sunday. */
    public static LocalDate[] lastWeek(LocalDate today) {
        LocalDate sunday = today.with(TemporalAdjusters.previous(DayOfWeek.SUNDAY));
        return new LocalDate[] {sunday.minusDays(6), sunday};
    }

    public AlertRaiser.ScanResult run() {
        int seen = 0;
        int raised = 0;
        int failed = 0;
        for (String practiceId : store.practices()) {
            seen++;
            try {
                if (raise(practiceId)) {
                    raised++;
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.error("weekly report: practice {} failed: {}", practiceId, e.getClass().getSimpleName());
            }
        }
        LOG.info("weekly report: {} practices, {} reports raised, {} failed", seen, raised, failed);
        return new AlertRaiser.ScanResult(seen, raised, failed);
    }

    /** Raises the practice's report of its last week; false when it was raised already. */
    public boolean raise(String practiceId) {
        PracticeSettings settings = practice.settings(practiceId);
        LocalDate today = queries.today(settings);
        LocalDate[] week = lastWeek(today);
        LocalDate[] before = {week[0].minusDays(7), week[1].minusDays(7)};
        Map<String, Object> now = summary(practiceId, week, settings, today);
        Map<String, Object> earlier = summary(practiceId, before, settings, today);
        Optional<WeeklyReport> lastReport = alerts.alert(practiceId, idOf(practiceId, before[0])).map(Alert::weeklyReport);
        List<WeeklyReport.Figure> figures = new ArrayList<>();
        for (Headline h : HEADLINES) {
            BigDecimal previous = h.moment()
                    ? lastReport.flatMap(r -> r.figure(h.name())).map(WeeklyReport.Figure::value).orElse(null)
                    : (BigDecimal) earlier.get(h.name());
            figures.add(new WeeklyReport.Figure(h.name(), h.label(), h.kind(), (BigDecimal) now.get(h.name()), previous));
        }
        WeeklyReport report = new WeeklyReport(week[0], week[1], figures);
        Alert alert = new Alert(idOf(practiceId, week[0]), practiceId, AlertType.WEEKLY_REPORT, 0, null, null, null, null, null,
                null, null, "Your practice's week of " + week[0] + " to " + week[1] + ", against the week before.",
                clock.instant(), AlertStatus.OPEN, null, null, null, report);
        return raiser.raise(alert);
    }

    private Map<String, Object> summary(String practiceId, LocalDate[] week, PracticeSettings settings, LocalDate today) {
        ReportQuery q = new ReportQuery(ReportName.SUMMARY, week[0], week[1], Dimension.NONE);
        return queries.report(practiceId, q, settings, today).total().values();
    }
}
