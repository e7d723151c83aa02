package org.therapyops.reporting;

import org.therapyops.domain.PracticeSettings;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a report is computed from: the aggregates read (day aggregates of the range, the open A/R), the open worklist
 * items, the practice's local date today and its thresholds, and names for the rows (payers, providers) and each
 * provider's discipline.
 */
public record ReportData(LocalDate today, Map<Aggregate, Map<String, BigDecimal>> aggregates, List<WorkItem> work,
                         PracticeSettings.ReportingThresholds thresholds, Map<String, String> payerNames,
                         Map<String, String> providerNames, Map<String, String> disciplines) {

    public ReportData {
        aggregates = Map.copyOf(aggregates);
        work = List.copyOf(work);
        payerNames = Map.copyOf(payerNames);
        providerNames = Map.copyOf(providerNames);
        disciplines = Map.copyOf(disciplines);
    }
}
