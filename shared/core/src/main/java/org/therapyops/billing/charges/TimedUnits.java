package org.therapyops.billing.charges;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The arithmetic of 15-minute units (Medicare Claims Processing Manual 100-04, ch. 5 §20.2). */
public final class TimedUnits {

    /** Fewest minutes that bill a unit. */
    public static final int MINIMUM_MINUTES = 8;

    private TimedUnits() {
    }

    /** Units for minutes of one code, or of the day's timed codes together: 8–22 = 1, 23–37 = 2, … */
    public static int units(int minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes cannot be negative: " + minutes);
        }
        return minutes < MINIMUM_MINUTES ? 0 : (minutes + 7) / 15;
    }

    /**
     * The CMS 8-minute rule: the day's units from the total of all timed minutes, each code first given its
     * whole 15-minute units, the rest one each to the codes with the most minutes left over (ties: the earlier
     * code). Returns the units of each code, in the order given.
     */
    public static int[] allocate(List<Integer> minutesPerCode) {
        int total = 0;
        for (int m : minutesPerCode) {
            if (m < 0) {
                throw new IllegalArgumentException("minutes cannot be negative: " + m);
            }
            total += m;
        }
        int[] units = new int[minutesPerCode.size()];
        int left = units(total);
        for (int i = 0; i < units.length; i++) {
            units[i] = minutesPerCode.get(i) / 15;
            left -= units[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            order.add(i);
        }
        // Stable sort: equal remainders keep the note's order.
        order.sort(Comparator.comparingInt((Integer i) -> minutesPerCode.get(i) % 15).reversed());
        // left never exceeds the number of codes: each remainder is at most 14 minutes.
        for (int k = 0; k < left; k++) {
            units[order.get(k)]++;
        }
        return units;
    }
}
