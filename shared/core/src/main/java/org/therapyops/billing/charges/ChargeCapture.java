package org.therapyops.billing.charges;

import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Provider;
import org.therapyops.domain.UnitRounding;
import org.therapyops.payer.PayerRules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a signed note into charges under the payer's rules in force on its date of service: units by the payer's
 * rounding and the code's kind, modifiers in a stable order (discipline GP/GO/GN, assistant CQ/CO, telehealth 95/93,
 * KX), up to four diagnosis pointers, and the practice's fee times the units. A line rendered by an assistant (PTA,
 * COTA) is billed under the assistant's supervising therapist, with CQ/CO where the payer wants them. Deterministic:
 * the same note and data give the same charges with the same ids, in the note's line order.
 */
public final class ChargeCapture {

    /** More minutes than this on one line is a typing error, not a session (ABA's longest day is 8 hours). */
    public static final int MAX_MINUTES_PER_LINE = 720;
    /** More minutes than a day holds on one note is a typing error. */
    public static final int MAX_MINUTES_PER_NOTE = 1440;
    /** A claim line points to at most four diagnoses. */
    public static final int MAX_POINTERS = 4;
    /** A claim line carries at most four modifiers. */
    public static final int MAX_MODIFIERS = 4;

    private static final Map<Discipline, String> DISCIPLINE_MODIFIERS =
            Map.of(Discipline.PT, "GP", Discipline.OT, "GO", Discipline.SLP, "GN");
    private static final Map<AssistantInvolvement, String> ASSISTANT_MODIFIERS =
            Map.of(AssistantInvolvement.PT_ASSISTANT, "CQ", AssistantInvolvement.OT_ASSISTANT, "CO");
    private static final String KX = "KX";

    private ChargeCapture() {
    }

    /**
     * The charges of a signed note under the payer's rules on its date of service, or why the note cannot be charged.
     *
     * @param kxThresholds Medicare's therapy threshold per calendar year (read when the payer wants KX)
     */
    public static CaptureResult capture(SignedNote note, PayerRules payer, KxThresholds kxThresholds, FeeSchedule fees,
                                        CodeCatalog catalog, TherapyYearToDate ytd) {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(payer, "payer");
        if (payer.kxModifier()) {
            Objects.requireNonNull(kxThresholds, "a payer that wants KX needs the thresholds");
        }
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(ytd, "ytd");

        List<CaptureFinding> refusals = refusals(note, ytd);
        if (!refusals.isEmpty()) {
            return new CaptureResult.Refused(note.id(), refusals);
        }
        List<CaptureFinding> findings = new ArrayList<>();
        List<Group> groups = group(note, catalog, findings);
        Map<Group, Integer> units = units(groups, payer.unitRounding().value(), catalog, findings);

        String placeOfService = placeOfService(note, payer);
        List<Integer> pointers = new ArrayList<>();
        for (int i = 1; i <= Math.min(MAX_POINTERS, note.diagnoses().size()); i++) {
            pointers.add(i);
        }
        List<CapturedCharge> charges = new ArrayList<>();
        for (Group g : groups) {
            int n = units.getOrDefault(g, 0);
            if (n == 0) {
                continue;
            }
            List<String> modifiers = modifiers(g, note, payer, findings);
            Optional<BigDecimal> fee = fees.feeFor(g.code.code(), modifiers);
            if (fee.isEmpty()) {
                // Billed at 0.00 rather than dropped: the claim exists and the scrubber holds it until the fee is set.
                findings.add(new CaptureFinding(FindingCode.NO_FEE, g.firstLine, "no fee for " + g.code.code()
                        + " in the practice's fee schedule: charged at 0.00; set the fee, then refresh the claim"));
            }
            BigDecimal amount = fee.orElse(BigDecimal.ZERO).multiply(BigDecimal.valueOf(n)).setScale(2, RoundingMode.HALF_UP);
            Charge charge = new Charge(g.code.code(), modifiers, n, g.minutes, pointers, amount,
                    g.renderingProviderId, note.dateOfService(), placeOfService);
            charges.add(new CapturedCharge(CapturedCharge.idFor(note.id(), g.firstLine), g.firstLine, charge));
        }
        charges = withKx(charges, payer, kxThresholds, note, ytd, findings);
        return new CaptureResult.Captured(note.id(), charges, findings);
    }

    private static List<CaptureFinding> refusals(SignedNote note, TherapyYearToDate ytd) {
        List<CaptureFinding> refusals = new ArrayList<>();
        if (note.lines().isEmpty()) {
            refusals.add(new CaptureFinding(FindingCode.NOTE_WITHOUT_LINES, 0, "the note has no service lines"));
        }
        if (note.diagnoses().isEmpty()) {
            refusals.add(new CaptureFinding(FindingCode.NOTE_WITHOUT_DIAGNOSIS, 0,
                    "the note has no diagnosis; add one by addendum"));
        }
        long total = 0;
        for (int i = 0; i < note.lines().size(); i++) {
            ServiceLine line = note.lines().get(i);
            if (line.minutes() < 0) {
                refusals.add(new CaptureFinding(FindingCode.MINUTES_NEGATIVE, i + 1,
                        line.code() + " has " + line.minutes() + " minutes; minutes cannot be negative"));
            } else if (line.minutes() > MAX_MINUTES_PER_LINE) {
                refusals.add(new CaptureFinding(FindingCode.MINUTES_ABSURD, i + 1, line.code() + " has "
                        + line.minutes() + " minutes; one line holds at most " + MAX_MINUTES_PER_LINE));
            } else {
                total += line.minutes();
            }
        }
        if (total > MAX_MINUTES_PER_NOTE) {
            refusals.add(new CaptureFinding(FindingCode.MINUTES_ABSURD, 0,
                    "the note has " + total + " minutes; a day holds " + MAX_MINUTES_PER_NOTE));
        }
        if (ytd.year() != note.dateOfService().getYear()) {
            refusals.add(new CaptureFinding(FindingCode.YEAR_TO_DATE_MISMATCH, 0, "year-to-date therapy amounts are for "
                    + ytd.year() + ", the date of service is in " + note.dateOfService().getYear()));
        }
        return refusals;
    }

    /** A billable unit of work: lines of one code, billed rendering provider and assistant involvement; one per psychotherapy session. */
    private static final class Group {
        final int firstLine;
        CatalogCode code;
        final List<String> documentedCodes = new ArrayList<>();
        int minutes;
        final String renderingProviderId;
        final AssistantInvolvement assistant;

        Group(int firstLine, CatalogCode code, String renderingProviderId, AssistantInvolvement assistant) {
            this.firstLine = firstLine;
            this.code = code;
            this.renderingProviderId = renderingProviderId;
            this.assistant = assistant == null ? AssistantInvolvement.NONE : assistant;
        }
    }

    private static List<Group> group(SignedNote note, CodeCatalog catalog, List<CaptureFinding> findings) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < note.lines().size(); i++) {
            ServiceLine line = note.lines().get(i);
            Optional<CatalogCode> code = catalog.find(line.code());
            if (code.isEmpty()) {
                findings.add(new CaptureFinding(FindingCode.UNKNOWN_CODE, i + 1,
                        "code " + line.code() + " is not in the code catalog; correct the code by addendum"));
                continue;
            }
            int position = i + 1;
            Provider renderer = note.providers().get(line.renderingProviderId());
            AssistantInvolvement assistant = AssistantInvolvement.billed(line.assistant(), renderer);
            String billedProvider = billedProvider(line, renderer, position, findings);
            // Psychotherapy is one code per session: its lines are one group whatever code was documented.
            String key = code.get().kind() == CodeKind.PSYCHOTHERAPY ? "psychotherapy"
                    : line.code() + "|" + billedProvider + "|" + assistant;
            Group g = groups.computeIfAbsent(key, k -> new Group(position, code.get(), billedProvider, assistant));
            g.minutes += line.minutes();
            g.documentedCodes.add(line.code());
        }
        return new ArrayList<>(groups.values());
    }

    /**
     * Who a line is billed under: its rendering provider, or, for an assistant, the supervising therapist (Medicare bills
     * an assistant's services under the supervisor; assistants are not enrolled to bill on their own).
     */
    private static String billedProvider(ServiceLine line, Provider renderer, int position, List<CaptureFinding> findings) {
        if (!AssistantInvolvement.isAssistant(renderer)) {
            return line.renderingProviderId();
        }
        if (renderer.supervisorId() == null || renderer.supervisorId().isBlank()) {
            findings.add(new CaptureFinding(FindingCode.ASSISTANT_WITHOUT_SUPERVISOR, position, line.code() + " was rendered by "
                    + "an assistant (" + renderer.credential() + ") with no supervising therapist on file: billed under the "
                    + "assistant; set the provider's supervisor, then refresh the claim"));
            return line.renderingProviderId();
        }
        return renderer.supervisorId();
    }

    private static Map<Group, Integer> units(List<Group> groups, UnitRounding rounding, CodeCatalog catalog,
                                             List<CaptureFinding> findings) {
        Map<Group, Integer> units = new LinkedHashMap<>();
        List<Group> timed = new ArrayList<>();
        for (Group g : groups) {
            switch (g.code.kind()) {
                case UNTIMED -> units.put(g, 1);
                case ABA -> units.put(g, perCode(g, findings));
                case PSYCHOTHERAPY -> units.put(g, psychotherapy(g, catalog, findings));
                case TIMED -> {
                    if (rounding == UnitRounding.PER_CODE) {
                        units.put(g, perCode(g, findings));
                    } else {
                        timed.add(g);
                    }
                }
            }
        }
        if (!timed.isEmpty()) {
            int[] allocated = TimedUnits.allocate(timed.stream().map(g -> g.minutes).toList());
            int total = timed.stream().mapToInt(g -> g.minutes).sum();
            for (int i = 0; i < allocated.length; i++) {
                Group g = timed.get(i);
                units.put(g, allocated[i]);
                if (allocated[i] > 0) {
                    continue;
                }
                if (total < TimedUnits.MINIMUM_MINUTES) {
                    findings.add(new CaptureFinding(FindingCode.TIMED_TOTAL_UNDER_8, g.firstLine, "the day's timed "
                            + "minutes total " + total + ", under 8: " + g.code.code() + " bills no unit"));
                } else {
                    findings.add(new CaptureFinding(FindingCode.TIMED_NO_UNIT_LEFT, g.firstLine, g.code.code() + "'s "
                            + g.minutes + " minutes counted toward the day's " + total
                            + " timed minutes; its units went to codes with more minutes"));
                }
            }
        }
        return units;
    }

    private static int perCode(Group g, List<CaptureFinding> findings) {
        int n = TimedUnits.units(g.minutes);
        if (n == 0) {
            findings.add(new CaptureFinding(FindingCode.TIMED_UNDER_8, g.firstLine,
                    g.code.code() + " has " + g.minutes + " minutes, under 8: no unit"));
        }
        return n;
    }

    private static int psychotherapy(Group g, CodeCatalog catalog, List<CaptureFinding> findings) {
        CatalogCode chosen = null;
        for (CatalogCode c : catalog.psychotherapyByMinutes()) {
            if (g.minutes >= c.minimumMinutes()) {
                chosen = c;
            }
        }
        if (chosen == null) {
            int shortest = catalog.psychotherapyByMinutes().get(0).minimumMinutes();
            findings.add(new CaptureFinding(FindingCode.PSYCHOTHERAPY_TOO_SHORT, g.firstLine, "psychotherapy of "
                    + g.minutes + " minutes is under " + shortest + ": not billable"));
            return 0;
        }
        String documented = String.join(" + ", g.documentedCodes);
        if (!documented.equals(chosen.code())) {
            findings.add(new CaptureFinding(FindingCode.PSYCHOTHERAPY_CODE_BY_TIME, g.firstLine, documented
                    + " documented; " + g.minutes + " minutes of psychotherapy bill as " + chosen.code()));
        }
        g.code = chosen;
        return 1;
    }

    private static String placeOfService(SignedNote note, PayerRules payer) {
        if (note.telehealth() == null || note.telehealth() == TelehealthMode.IN_PERSON) {
            return note.placeOfService();
        }
        return payer.telehealthPlaceOfService(note.patientAtHome());
    }

    /** Discipline, assistant, telehealth: KX, when due, comes last. */
    private static List<String> modifiers(Group g, SignedNote note, PayerRules payer, List<CaptureFinding> findings) {
        List<String> modifiers = new ArrayList<>();
        if (g.code.alwaysTherapy()) {
            String discipline = DISCIPLINE_MODIFIERS.get(note.discipline());
            if (discipline == null) {
                findings.add(new CaptureFinding(FindingCode.NO_DISCIPLINE_MODIFIER, g.firstLine, g.code.code()
                        + " is an always-therapy code but the note's discipline " + note.discipline()
                        + " has no GP/GO/GN; check the note's discipline"));
            } else {
                modifiers.add(discipline);
            }
        }
        if (payer.assistantModifiers() && ASSISTANT_MODIFIERS.containsKey(g.assistant)) {
            modifiers.add(ASSISTANT_MODIFIERS.get(g.assistant));
        }
        // The payer's rules say whether it wants one; the session's mode says which (93 audio-only, 95 video).
        if (note.telehealth() != null && note.telehealth() != TelehealthMode.IN_PERSON
                && payer.telehealthModifierRequired().value()) {
            modifiers.add(note.telehealth() == TelehealthMode.AUDIO_ONLY ? "93" : "95");
        }
        return modifiers;
    }

    /**
     * KX, last of the modifiers, on every line of a pool (PT with speech, or OT) when the patient's year to date plus all
     * the note's lines of that pool exceed the year's threshold, and on none otherwise: {@link TherapyYearToDate#kxPools},
     * the rule the scrubber checks. Only for a payer that wants KX (Medicare); a year without a threshold is a warning.
     */
    private static List<CapturedCharge> withKx(List<CapturedCharge> charges, PayerRules payer, KxThresholds kxThresholds,
                                               SignedNote note, TherapyYearToDate ytd, List<CaptureFinding> findings) {
        if (!payer.kxModifier()) {
            return charges;
        }
        int year = note.dateOfService().getYear();
        Optional<KxThresholds.Threshold> threshold = kxThresholds.forYear(year);
        if (threshold.isEmpty()) {
            findings.add(new CaptureFinding(FindingCode.KX_THRESHOLD_UNKNOWN, 0, "no KX threshold for " + year
                    + ": KX was not decided; an admin sets the year's threshold (the practice's KX thresholds) once CMS publishes it"));
            return charges;
        }
        if (!threshold.get().confirmed()) {
            findings.add(new CaptureFinding(FindingCode.KX_THRESHOLD_UNCONFIRMED, 0, "the " + year
                    + " KX threshold of $" + threshold.get().amount() + " is unconfirmed; KX decided against it"));
        }
        Set<TherapyPool> over = ytd.kxPools(charges.stream().map(CapturedCharge::charge).toList(), threshold.get().amount());
        List<CapturedCharge> withKx = new ArrayList<>();
        for (CapturedCharge c : charges) {
            Charge charge = c.charge();
            if (TherapyPool.of(charge).filter(over::contains).isPresent()) {
                List<String> modifiers = new ArrayList<>(charge.modifiers());
                modifiers.add(KX);
                if (modifiers.size() > MAX_MODIFIERS) {
                    throw new IllegalStateException("more than four modifiers on " + charge.code() + ": " + modifiers);
                }
                charge = new Charge(charge.code(), modifiers, charge.units(), charge.minutes(), charge.diagnosisPointers(),
                        charge.amount(), charge.renderingProviderId(), charge.dateOfService(), charge.placeOfService());
            }
            withKx.add(new CapturedCharge(c.id(), c.line(), charge));
        }
        return withKx;
    }
}
