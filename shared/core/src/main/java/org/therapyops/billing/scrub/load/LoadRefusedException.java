package org.therapyops.billing.scrub.load;

import java.util.List;

/** The files given cannot be loaded as they are; nothing was written. Each reason names the file and line. */
public final class LoadRefusedException extends Exception {

    /** How many reasons are listed; the rest are counted. */
    static final int SHOWN = 20;

    private final List<String> reasons;

    public LoadRefusedException(List<String> reasons) {
        super(summary(reasons));
        this.reasons = List.copyOf(reasons);
    }

    public LoadRefusedException(String reason) {
        this(List.of(reason));
    }

    public List<String> reasons() {
        return reasons;
    }

    private static String summary(List<String> reasons) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, reasons.size()); i++) {
            b.append(i == 0 ? "" : "\n").append(reasons.get(i));
        }
        if (reasons.size() > SHOWN) {
            b.append("\n... and ").append(reasons.size() - SHOWN).append(" more");
        }
        return b.toString();
    }
}
