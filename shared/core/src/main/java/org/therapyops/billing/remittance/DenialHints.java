package org.therapyops.billing.remittance;

import org.therapyops.billing.charges.Csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Next-action hints for claim adjustment reason codes (CARC), from {@code billing/remittance/carc-hints.csv}: the codes
 * are X12's, the words are this project's (X12 owns the codes' descriptions).
 */
public final class DenialHints {

    /** What a biller usually does next about a denial. */
    public enum Action { CORRECT_RESUBMIT, APPEAL, OBTAIN_AUTHORIZATION, BILL_PATIENT, BILL_OTHER_PAYER, WRITE_OFF, REVIEW }

    /** The hint for one CARC. */
    public record Hint(String code, Action action, String text) {
    }

    private static final String RESOURCE = "/billing/remittance/carc-hints.csv";
    private static volatile DenialHints shipped;

    private final Map<String, Hint> hints;

    DenialHints(Map<String, Hint> hints) {
        this.hints = Map.copyOf(hints);
    }

    /** The shipped hints, read once. */
    public static DenialHints shipped() {
        DenialHints h = shipped;
        if (h == null) {
            synchronized (DenialHints.class) {
                if (shipped == null) {
                    shipped = load();
                }
                h = shipped;
            }
        }
        return h;
    }

    /** The hint for a CARC; for a code without one, REVIEW with a generic text (never empty). */
    public Hint of(String carc) {
        Hint hint = carc == null ? null : hints.get(carc.strip().toUpperCase(java.util.Locale.ROOT));
        return hint != null ? hint : new Hint(carc, Action.REVIEW,
                "Read the remark codes and the payer's explanation of benefits, then correct and resubmit, appeal, or write off.");
    }

    public int size() {
        return hints.size();
    }

    private static DenialHints load() {
        Map<String, Hint> hints = new LinkedHashMap<>();
        for (Csv.Row row : Csv.read(Csv.resource(RESOURCE), List.of("code", "action", "hint"))) {
            Action action;
            try {
                action = Action.valueOf(row.get("action"));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + " line " + row.line() + ": unknown action " + row.get("action"));
            }
            String code = row.get("code");
            if (code.isEmpty() || row.get("hint").isEmpty() || hints.put(code, new Hint(code, action, row.get("hint"))) != null) {
                throw new IllegalStateException(RESOURCE + " line " + row.line() + ": a code and a hint, once each");
            }
        }
        return new DenialHints(hints);
    }
}
