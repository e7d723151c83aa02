package org.therapyops.scheduling;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurring series: a first session, then every {@code interval} days or weeks, for {@code count}
 * sessions or until a date (inclusive), whichever comes first.
 */
public record SeriesPlan(LocalDateTime firstStart, Frequency frequency, int interval, Integer count, LocalDate until) {

    /** The most sessions one series may book (two years of weekly visits). */
    public static final int MAX_SESSIONS = 104;

    /** How the series repeats. */
    public enum Frequency { DAILY, WEEKLY }

    public SeriesPlan {
        if (interval < 1 || interval > 52) {
            throw new IllegalArgumentException("interval must be 1 to 52");
        }
        if (count == null && until == null) {
            throw new IllegalArgumentException("a series needs a count or an end date");
        }
        if (count != null && (count < 1 || count > MAX_SESSIONS)) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_SESSIONS);
        }
        if (until != null && until.isBefore(firstStart.toLocalDate())) {
            throw new IllegalArgumentException("until must not be before the first session");
        }
        if (count == null) {
            long step = frequency == Frequency.DAILY ? interval : 7L * interval;
            if (java.time.temporal.ChronoUnit.DAYS.between(firstStart.toLocalDate(), until) / step + 1 > MAX_SESSIONS) {
                throw new IllegalArgumentException("the series would exceed " + MAX_SESSIONS + " sessions");
            }
        }
    }

    /** The sessions' start times, in order. */
    public List<LocalDateTime> starts() {
        List<LocalDateTime> starts = new ArrayList<>();
        LocalDateTime next = firstStart;
        int limit = count == null ? MAX_SESSIONS : count;
        while (starts.size() < limit && (until == null || !next.toLocalDate().isAfter(until))) {
            starts.add(next);
            next = frequency == Frequency.DAILY ? next.plusDays(interval) : next.plusWeeks(interval);
        }
        return starts;
    }
}
