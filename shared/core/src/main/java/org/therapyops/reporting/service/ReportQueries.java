package org.therapyops.reporting.service;

import org.therapyops.reporting.Dimension;
import org.therapyops.reporting.InvalidReportQueryException;
import org.therapyops.reporting.ReportData;
import org.therapyops.reporting.ReportQuery;
import org.therapyops.reporting.ReportTable;
import org.therapyops.reporting.ReportingRules;
import org.therapyops.reporting.Reports;

import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.Payer;
import org.therapyops.domain.Provider;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ReportingStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers a report for one practice: validates what was asked, reads only the aggregates and worklists that report
 * needs from the reporting table (never a source table), and computes it. Names for the rows are read from the
 * practice's payers and providers only when a report is grouped by them.
 */
public final class ReportQueries {

    private final ReportingStore store;
    private final PracticeRepository practice;
    private final Reports reports;
    private final ReportingRules rules;
    private final Clock clock;

    public ReportQueries(ReportingStore store, PracticeRepository practice, ReportingRules rules, Clock clock) {
        this.store = store;
        this.practice = practice;
        this.reports = new Reports(rules);
        this.rules = rules;
        this.clock = clock;
    }

    /** The practice's local date now. */
    public LocalDate today(PracticeSettings settings) {
        return LocalDate.now(clock.withZone(ZoneId.of(settings.timeZone())));
    }

    /**
     * @throws InvalidReportQueryException for an unknown report or grouping, or a range that is reversed or too long
     */
    public ReportTable report(String practiceId, String name, LocalDate from, LocalDate to, String groupBy) {
        PracticeSettings settings = practice.settings(practiceId);
        LocalDate today = today(settings);
        return report(practiceId, ReportQuery.of(name, from, to, groupBy, today), settings, today);
    }

    public ReportTable report(String practiceId, ReportQuery q, PracticeSettings settings, LocalDate today) {
        ReportingStore.Snapshot snapshot = store.read(practiceId, q.name().dayKinds(q.groupBy()), q.from(), q.to(),
                q.arRead(today, rules), q.name().readsWork());
        Map<String, String> payers = new HashMap<>();
        Map<String, String> providers = new HashMap<>();
        Map<String, String> disciplines = new HashMap<>();
        if (q.groupBy() == Dimension.PAYER) {
            forEachPayer(practiceId, p -> payers.put(p.id(), p.name()));
        }
        if (q.groupBy() == Dimension.PROVIDER || q.groupBy() == Dimension.DISCIPLINE) {
            forEachProvider(practiceId, p -> {
                providers.put(p.id(), p.lastName() + ", " + p.firstName());
                disciplines.put(p.id(), p.discipline().name());
            });
        }
        return reports.build(q, new ReportData(today, snapshot.aggregates(), snapshot.work(), settings.reporting(), payers,
                providers, disciplines));
    }

    private void forEachPayer(String practiceId, java.util.function.Consumer<Payer> each) {
        String cursor = null;
        do {
            PracticeRepository.Page<Payer> page = practice.payers(practiceId, null, 100, cursor);
            page.items().forEach(each);
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    private void forEachProvider(String practiceId, java.util.function.Consumer<Provider> each) {
        String cursor = null;
        do {
            PracticeRepository.Page<Provider> page = practice.providers(practiceId, null, 100, cursor);
            page.items().forEach(each);
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
