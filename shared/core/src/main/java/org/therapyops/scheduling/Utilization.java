package org.therapyops.scheduling;

import org.therapyops.domain.Authorization;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One row of the authorization utilization report: how much is left, as a share and a colour band
 * (green 67–100 % remaining, yellow 34–66 %, red 0–33 %), and how long until it expires.
 */
public record Utilization(Authorization authorization, int remainingPercent, Band band, long daysToExpiry, boolean expired,
                          int overbookedSessions) {

    /** Remaining share, as practices colour it. */
    public enum Band { GREEN, YELLOW, RED }

    public static Utilization of(Authorization a, LocalDate asOf, int overbookedSessions) {
        int percent = a.authorized() == 0 ? 0 : BigDecimal.valueOf(a.remaining() * 100)
                .divide(BigDecimal.valueOf(a.authorized()), 0, RoundingMode.FLOOR).intValue();
        Band band = percent >= 67 ? Band.GREEN : percent >= 34 ? Band.YELLOW : Band.RED;
        long days = ChronoUnit.DAYS.between(asOf, a.endDate());
        return new Utilization(a, percent, band, days, days < 0, overbookedSessions);
    }

    /** The report's filters; null means "do not filter on this". */
    public record Filter(Integer expiringWithinDays, Integer maxRemainingPercent, Boolean overScheduled, boolean includeExpired) {

        public boolean accepts(Utilization u) {
            if (u.expired() && !includeExpired) {
                return false;
            }
            if (expiringWithinDays != null && (u.expired() || u.daysToExpiry() > expiringWithinDays)) {
                return false;
            }
            if (maxRemainingPercent != null && u.remainingPercent() > maxRemainingPercent) {
                return false;
            }
            return overScheduled == null || overScheduled == (u.overbookedSessions() > 0);
        }
    }
}
