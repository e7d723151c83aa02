package org.therapyops.billing.scrub;

import org.therapyops.domain.Discipline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the scrubber knows of a therapy code: whether it is timed (15-minute units by the payer's rounding),
 * timed per code whatever the payer (ABA), or untimed, and whether it is an "always therapy" code with the
 * discipline its evaluations belong to.
 */
public final class TherapyCodes {

    public static final String DEFAULT_RESOURCE = "billing/scrub/therapy-codes.csv";

    /** How a code's units follow from minutes. */
    public enum Timing { TIMED, TIMED_PER_CODE, UNTIMED }

    /** One code: timing, always-therapy, and the discipline modifier it must carry (null: any of GP/GO/GN). */
    public record Code(String code, Timing timing, boolean alwaysTherapy, Discipline discipline) {
    }

    private final Map<String, Code> codes = new HashMap<>();

    public TherapyCodes(Iterable<Code> codes) {
        codes.forEach(c -> this.codes.put(c.code(), c));
    }

    public static TherapyCodes shipped() {
        try (BufferedReader r = Resources.reader(DEFAULT_RESOURCE)) {
            java.util.List<Code> out = new java.util.ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("code,")) {
                    continue;
                }
                String[] c = line.split(",", -1);
                out.add(new Code(c[0].strip(), Timing.valueOf(c[1].strip()), Boolean.parseBoolean(c[2].strip()),
                        c[3].isBlank() ? null : Discipline.valueOf(c[3].strip())));
            }
            return new TherapyCodes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(DEFAULT_RESOURCE, e);
        }
    }

    public Optional<Code> code(String code) {
        return Optional.ofNullable(codes.get(code));
    }
}
