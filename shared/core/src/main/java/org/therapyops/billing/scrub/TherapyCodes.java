package org.therapyops.billing.scrub;

import org.therapyops.billing.charges.CatalogCode;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.domain.Discipline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scrubber knows of a therapy code: whether it is timed (15-minute units by the payer's rounding),
 * timed per code whatever the payer (ABA), or untimed, and whether it is an "always therapy" code with the
 * discipline its evaluations belong to. Derived from charge capture's {@link CodeCatalog}, the one data file
 * of these facts.
 */
public final class TherapyCodes {

    /** How a code's units follow from minutes. */
    public enum Timing { TIMED, TIMED_PER_CODE, UNTIMED }

    /** One code: timing, always-therapy, and the discipline modifier it must carry (null: any of GP/GO/GN). */
    public record Code(String code, Timing timing, boolean alwaysTherapy, Discipline discipline) {
    }

    private final Map<String, Code> codes = new HashMap<>();

    public TherapyCodes(Iterable<Code> codes) {
        codes.forEach(c -> this.codes.put(c.code(), c));
    }

    /** The scrubber's view of a catalog. */
    public static TherapyCodes of(CodeCatalog catalog) {
        List<Code> out = new ArrayList<>();
        for (CatalogCode c : catalog.codes()) {
            Timing timing = switch (c.kind()) {
                case TIMED -> Timing.TIMED;
                case ABA -> Timing.TIMED_PER_CODE;
                case UNTIMED -> Timing.UNTIMED;
                // Not a therapy code to the scrubber: one per session, picked by charge capture from the minutes.
                case PSYCHOTHERAPY -> null;
            };
            if (timing != null) {
                out.add(new Code(c.code(), timing, c.alwaysTherapy(), c.discipline()));
            }
        }
        return new TherapyCodes(out);
    }

    /** The scrubber's view of the shipped catalog. */
    public static TherapyCodes shipped() {
        return of(CodeCatalog.load());
    }

    public Optional<Code> code(String code) {
        return Optional.ofNullable(codes.get(code));
    }
}
