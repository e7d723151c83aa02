/**
 * The practice's revenue-cycle and leakage reports, materialized: what each source item (claim, posting, session, note,
 * authorization) contributes to per-day aggregates and worklists ({@link org.therapyops.reporting.Contributions}), the
 * facts kept of each item so that a redelivered, duplicated, reordered or replayed change replaces its own earlier
 * contribution instead of adding to it ({@link org.therapyops.reporting.ReportingService}), and the figures computed
 * from the aggregates ({@link org.therapyops.reporting.Reports}). Plain Java: no AWS, Lambda or Micronaut types.
 */
package org.therapyops.reporting;

import org.therapyops.reporting.service.ReportingService;
