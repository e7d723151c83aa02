package org.therapyops.localcloud;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(N unit)}, {@code cron(min hour day-of-month month day-of-week year)}
 * or (EventBridge Scheduler only) {@code at(yyyy-mm-ddThh:mm:ss)}, evaluated in a time zone (UTC for rules).
 *
 * <p>Cron follows EventBridge: six fields; exactly one of day-of-month and day-of-week is {@code ?}; day-of-week 1-7
 * is SUN-SAT; wildcards {@code , - * /}, {@code L} (last day of month, or alone in day-of-week Saturday, {@code 5L}
 * last Thursday), {@code W} ({@code 15W} nearest weekday, {@code LW}), {@code #} ({@code 2#1} first Monday).
 * Across daylight saving changes it behaves as EventBridge Scheduler documents: a local time that does not exist
 * (spring forward) is skipped; a local time that occurs twice (fall back) runs once, at its first occurrence.
 */
public abstract class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+([a-z]+)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((.*)\\)");

    private final String text;
    private final ZoneId zone;

    private ScheduleExpression(String text, ZoneId zone) {
        this.text = text;
        this.zone = zone;
    }

    /** An EventBridge rule's expression (rate or cron, UTC). */
    public static ScheduleExpression forRule(String expression, Instant created) {
        if (expression != null && expression.trim().startsWith("at(")) {
            throw new TemplateException("Schedule '" + expression + "': at() is only for ScheduleV2 (EventBridge Scheduler)");
        }
        return parse(expression, ZoneOffset.UTC, created);
    }

    /**
     * Parses an expression; {@code zone} applies to cron and at (rate ignores it), {@code created} is when a rate's
     * clock starts (the first run is one period later, as with EventBridge).
     */
    public static ScheduleExpression parse(String expression, ZoneId zone, Instant created) {
        if (expression == null || expression.isBlank()) {
            throw new TemplateException("schedule expression is missing");
        }
        String e = expression.trim();
        Matcher m;
        if ((m = RATE.matcher(e)).matches()) {
            return new Rate(e, zone, m.group(1), m.group(2), created);
        }
        if ((m = CRON.matcher(e)).matches()) {
            return new Cron(e, zone, m.group(1));
        }
        if ((m = AT.matcher(e)).matches()) {
            if (!m.group(1).trim().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) {
                throw new TemplateException("schedule '" + e + "': at() expects yyyy-mm-ddThh:mm:ss");
            }
            try {
                return new At(e, zone, LocalDateTime.parse(m.group(1).trim()));
            } catch (DateTimeParseException bad) {
                throw new TemplateException("schedule '" + e + "': at() expects yyyy-mm-ddThh:mm:ss");
            }
        }
        throw new TemplateException("schedule '" + e + "': expected rate(N minute(s)|hour(s)|day(s)), cron(6 fields) or at(...)");
    }

    /** The IANA zone of ScheduleExpressionTimezone, UTC when absent. */
    public static ZoneId zone(Object name) {
        if (name == null || String.valueOf(name).isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(String.valueOf(name).trim());
        } catch (DateTimeException e) {
            throw new TemplateException("ScheduleExpressionTimezone '" + name + "' is not an IANA time zone");
        }
    }

    /** The first run strictly after {@code after}, if any. */
    public abstract Optional<Instant> next(Instant after);

    public String text() {
        return text;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return text;
    }

    /** rate(N unit): every N units from the moment the schedule was created. */
    static final class Rate extends ScheduleExpression {
        private final Duration period;
        private final Instant anchor;

        Rate(String text, ZoneId zone, String value, String unit, Instant anchor) {
            super(text, zone);
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new TemplateException("schedule '" + text + "': value too large");
            }
            if (n <= 0) {
                throw new TemplateException("schedule '" + text + "': the value must be a positive integer");
            }
            String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
            if (!List.of("minute", "hour", "day").contains(singular)) {
                throw new TemplateException("schedule '" + text + "': unit must be minute(s), hour(s) or day(s)");
            }
            if ((n == 1) != unit.equals(singular)) {
                throw new TemplateException("schedule '" + text + "': use the singular unit for 1 and the plural otherwise"
                        + " (rate(1 " + singular + "), rate(" + Math.max(2, n) + " " + singular + "s))");
            }
            this.period = switch (singular) {
                case "minute" -> Duration.ofMinutes(n);
                case "hour" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            this.anchor = anchor;
        }

        @Override
        public Optional<Instant> next(Instant after) {
            if (after.isBefore(anchor)) {
                return Optional.of(anchor.plus(period));
            }
            long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
            return Optional.of(anchor.plus(period.multipliedBy(periods)));
        }

        Duration period() {
            return period;
        }
    }

    /** at(local date-time): once, in the zone. */
    static final class At extends ScheduleExpression {
        private final Instant when;

        At(String text, ZoneId zone, LocalDateTime local) {
            super(text, zone);
            this.when = local.atZone(zone).toInstant();
        }

        @Override
        public Optional<Instant> next(Instant after) {
            return when.isAfter(after) ? Optional.of(when) : Optional.empty();
        }
    }

    /** cron(minutes hours day-of-month month day-of-week year). */
    static final class Cron extends ScheduleExpression {
        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        private static final int MIN_YEAR = 1970;
        private static final int MAX_YEAR = 2199;

        private final BitSet minutes;
        private final BitSet hours;
        private final BitSet months;
        private final BitSet years;
        /** Day of month: a set, or one of the special forms. */
        private final BitSet daysOfMonth;
        private final boolean lastDayOfMonth;
        private final int nearestWeekdayTo; // nW; 0 = none
        private final boolean lastWeekday; // LW
        /** Day of week (1 = SUN ... 7 = SAT): a set, or nL / n#k. */
        private final BitSet daysOfWeek;
        private final int lastOfWeekday; // nL; 0 = none
        private final int nthWeekday; // n of n#k
        private final int nth; // k of n#k
        private final boolean byDayOfMonth;

        Cron(String text, ZoneId zone, String body) {
            super(text, zone);
            String[] f = body.trim().split("\\s+");
            if (f.length != 6) {
                throw fail("expected 6 fields (minutes hours day-of-month month day-of-week year), found " + f.length);
            }
            minutes = field(f[0], "minutes", 0, 59, null);
            hours = field(f[1], "hours", 0, 23, null);
            months = field(f[3], "month", 1, 12, MONTHS);
            years = field(f[5], "year", MIN_YEAR, MAX_YEAR, null);
            String dom = f[2].toUpperCase(Locale.ROOT);
            String dow = f[4].toUpperCase(Locale.ROOT);
            if (dom.equals("?") == dow.equals("?")) {
                throw fail("exactly one of day-of-month and day-of-week must be '?'");
            }
            byDayOfMonth = !dom.equals("?");
            BitSet domSet = null;
            boolean last = false;
            boolean lw = false;
            int w = 0;
            if (byDayOfMonth) {
                if (dom.equals("L")) {
                    last = true;
                } else if (dom.equals("LW")) {
                    lw = true;
                } else if (dom.matches("\\d+W")) {
                    w = Integer.parseInt(dom.substring(0, dom.length() - 1));
                    if (w < 1 || w > 31) {
                        throw fail("day-of-month '" + f[2] + "' out of range 1-31");
                    }
                } else if (dom.contains("L") || dom.contains("W") || dom.contains("#")) {
                    throw fail("day-of-month '" + f[2] + "': L, LW and nW stand alone (L-n offsets are not supported)");
                } else {
                    domSet = field(dom, "day-of-month", 1, 31, null);
                }
            }
            daysOfMonth = domSet;
            lastDayOfMonth = last;
            lastWeekday = lw;
            nearestWeekdayTo = w;
            BitSet dowSet = null;
            int lastOf = 0;
            int nthDay = 0;
            int k = 0;
            if (!byDayOfMonth) {
                if (dow.equals("L")) {
                    dowSet = new BitSet();
                    dowSet.set(7);
                } else if (dow.matches("[A-Z0-9]+L")) {
                    lastOf = value(dow.substring(0, dow.length() - 1), "day-of-week", 1, 7, DAYS);
                } else if (dow.matches("[A-Z0-9]+#\\d+")) {
                    int hash = dow.indexOf('#');
                    nthDay = value(dow.substring(0, hash), "day-of-week", 1, 7, DAYS);
                    k = Integer.parseInt(dow.substring(hash + 1));
                    if (k < 1 || k > 5) {
                        throw fail("day-of-week '" + f[4] + "': the n of #n must be 1-5");
                    }
                } else if (withoutDayNames(dow).matches(".*[LW#].*")) {
                    throw fail("day-of-week '" + f[4] + "': L, nL and n#k stand alone");
                } else {
                    dowSet = field(dow, "day-of-week", 1, 7, DAYS);
                }
            }
            daysOfWeek = dowSet;
            lastOfWeekday = lastOf;
            nthWeekday = nthDay;
            nth = k;
        }

        private static String withoutDayNames(String spec) {
            String out = spec;
            for (String day : DAYS) {
                out = out.replace(day, "");
            }
            return out;
        }

        private TemplateException fail(String why) {
            return new TemplateException("schedule '" + text() + "': " + why);
        }

        private int value(String token, String name, int min, int max, List<String> names) {
            int v;
            if (names != null && names.contains(token)) {
                v = names.indexOf(token) + 1;
            } else {
                try {
                    v = Integer.parseInt(token);
                } catch (NumberFormatException e) {
                    throw fail(name + " '" + token + "' is not a number" + (names == null ? "" : " or one of " + names));
                }
            }
            if (v < min || v > max) {
                throw fail(name + " " + v + " is out of range " + min + "-" + max);
            }
            return v;
        }

        private BitSet field(String spec, String name, int min, int max, List<String> names) {
            BitSet set = new BitSet();
            String upper = spec.toUpperCase(Locale.ROOT);
            if (upper.equals("?")) {
                throw fail("'?' is only allowed in day-of-month or day-of-week");
            }
            for (String item : upper.split(",", -1)) {
                if (item.isEmpty()) {
                    throw fail(name + " '" + spec + "' has an empty list item");
                }
                int step = 1;
                String range = item;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    range = item.substring(0, slash);
                    try {
                        step = Integer.parseInt(item.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw fail(name + " '" + item + "': the increment must be a number");
                    }
                    if (step <= 0) {
                        throw fail(name + " '" + item + "': the increment must be positive");
                    }
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ab = range.split("-", -1);
                    if (ab.length != 2) {
                        throw fail(name + " '" + item + "' is not a range a-b");
                    }
                    from = value(ab[0], name, min, max, names);
                    to = value(ab[1], name, min, max, names);
                    if (from > to) {
                        throw fail(name + " range '" + item + "' runs backwards (wrap-around ranges are not supported)");
                    }
                } else {
                    from = value(range, name, min, max, names);
                    to = slash >= 0 ? max : from; // a/n means from a, every n
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        private static int awsDayOfWeek(LocalDate d) {
            return d.getDayOfWeek().getValue() % 7 + 1; // SUN = 1 ... SAT = 7
        }

        boolean matchesDay(LocalDate d) {
            if (byDayOfMonth) {
                int dom = d.getDayOfMonth();
                int length = d.lengthOfMonth();
                if (lastDayOfMonth) {
                    return dom == length;
                }
                if (lastWeekday) {
                    LocalDate last = d.withDayOfMonth(length);
                    while (last.getDayOfWeek() == DayOfWeek.SATURDAY || last.getDayOfWeek() == DayOfWeek.SUNDAY) {
                        last = last.minusDays(1);
                    }
                    return dom == last.getDayOfMonth();
                }
                if (nearestWeekdayTo > 0) {
                    if (nearestWeekdayTo > length) {
                        return false;
                    }
                    return dom == nearestWeekday(d.withDayOfMonth(nearestWeekdayTo)).getDayOfMonth();
                }
                return daysOfMonth.get(dom);
            }
            int dow = awsDayOfWeek(d);
            if (lastOfWeekday > 0) {
                return dow == lastOfWeekday && d.plusDays(7).getMonthValue() != d.getMonthValue();
            }
            if (nthWeekday > 0) {
                return dow == nthWeekday && (d.getDayOfMonth() - 1) / 7 + 1 == nth;
            }
            return daysOfWeek.get(dow);
        }

        /** The weekday nearest to the day, within its month (a Saturday the 1st moves to Monday the 3rd). */
        private static LocalDate nearestWeekday(LocalDate day) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
                return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            }
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
            }
            return day;
        }

        @Override
        public Optional<Instant> next(Instant after) {
            LocalDate date = LocalDateTime.ofInstant(after, zone()).toLocalDate();
            while (date.getYear() <= MAX_YEAR) {
                int year = years.nextSetBit(date.getYear());
                if (year < 0) {
                    return Optional.empty();
                }
                if (year != date.getYear()) {
                    date = LocalDate.of(year, 1, 1);
                }
                int month = months.nextSetBit(date.getMonthValue());
                if (month < 0) {
                    date = LocalDate.of(date.getYear() + 1, 1, 1);
                    continue;
                }
                if (month != date.getMonthValue()) {
                    date = LocalDate.of(date.getYear(), month, 1);
                }
                if (matchesDay(date)) {
                    for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                            LocalDateTime local = LocalDateTime.of(date, LocalTime.of(h, m));
                            List<ZoneOffset> offsets = zone().getRules().getValidOffsets(local);
                            if (offsets.isEmpty()) {
                                continue; // skipped by a spring-forward gap
                            }
                            Instant at = local.toInstant(offsets.get(0)); // an overlap runs once, at its first occurrence
                            if (at.isAfter(after)) {
                                return Optional.of(at);
                            }
                        }
                    }
                }
                date = date.plusDays(1);
            }
            return Optional.empty();
        }
    }
}
