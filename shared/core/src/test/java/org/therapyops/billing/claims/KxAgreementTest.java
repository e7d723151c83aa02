package org.therapyops.billing.claims;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.CaptureFinding;
import org.therapyops.billing.charges.CaptureResult;
import org.therapyops.billing.charges.ChargeCapture;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.FindingCode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.CodeSets;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.Scrubber;
import org.therapyops.billing.scrub.Severity;
import org.therapyops.billing.scrub.rules.KxModifierRule;
import org.therapyops.billing.scrub.rules.KxThresholdRule;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.PayerType;
import org.therapyops.testing.Payers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Charge capture and the scrubber apply one KX rule: a note captured against the year to date of the patient's earlier
 * Medicare claims, assembled into claims and scrubbed against the year to date the scrubber computes from the same
 * claims, never draws a KX finding — below, crossing and above the threshold, for PT with speech and for OT, on one
 * claim or split over two; and a year without a threshold is a warning in both, with no KX.
 */
class KxAgreementTest {

    private static final String PATIENT = "patient-1";
    private static final Predicate<String> MEDICARE_PAYERS = "payer-medicare"::equals;
    private static final KxThresholds THRESHOLDS = KxThresholds.load();
    private static final Scrubber KX_RULES = new Scrubber(List.of(new KxModifierRule(), new KxThresholdRule()));
    private static final ClaimHeader HEADER = new ClaimHeader(PATIENT, "coverage-1", "payer-medicare", "Medicare Part B", "MCRB1",
            new Party("Riverside Therapy", null, "1234567893", "123456789", "225100000X", null), null,
            new Subscriber("1EG4TE5MK73", "Demo", "Alex", LocalDate.of(1950, 1, 1), "F", null), null);

    /**
     * A note (discipline and lines) signed on {@code dos} after earlier claims of {@code earlier} dollars in the pool
     * marked {@code earlierModifier}, and whether its pool lines must carry KX.
     */
    record Case(String name, LocalDate dos, Discipline discipline, List<ServiceLine> lines, String earlierModifier,
                String earlier, boolean kx) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final LocalDate DOS = LocalDate.of(2026, 9, 10);
    // 2026 threshold $2,480. PT: 30 min 97110 (2 units, $90) + 15 min 97140 (1 unit, $44) = $134.
    private static final List<ServiceLine> PT = List.of(line("97110", 30, "pt-1"), line("97140", 15, "pt-1"));
    // OT: 15 min 97530 ($50) + 15 min 97535 ($46) = $96.
    private static final List<ServiceLine> OT = List.of(line("97530", 15, "ot-1"), line("97535", 15, "ot-1"));
    // PT split over two rendering providers (two claims): 97110 by pt-1 ($90), 97140 by pt-2 ($44).
    private static final List<ServiceLine> PT_TWO_CLAIMS = List.of(line("97110", 30, "pt-1"), line("97140", 15, "pt-2"));

    static Stream<Case> cases() {
        return Stream.of(
                new Case("PT below: 2300 + 134", DOS, Discipline.PT, PT, "GP", "2300.00", false),
                new Case("PT at the threshold is not above: 2346 + 134", DOS, Discipline.PT, PT, "GP", "2346.00", false),
                new Case("PT crossing on the second line: 2350 + 90 + 44", DOS, Discipline.PT, PT, "GP", "2350.00", true),
                new Case("PT above before the note: 2500 + 134", DOS, Discipline.PT, PT, "GP", "2500.00", true),
                new Case("speech counts with PT: GN 2350 + PT 134", DOS, Discipline.PT, PT, "GN", "2350.00", true),
                new Case("OT does not count for PT: GO 5000 + PT 134", DOS, Discipline.PT, PT, "GO", "5000.00", false),
                new Case("OT below: 2300 + 96", DOS, Discipline.OT, OT, "GO", "2300.00", false),
                new Case("OT crossing on the second line: 2400 + 50 + 46", DOS, Discipline.OT, OT, "GO", "2400.00", true),
                new Case("OT above before the note: 2600 + 96", DOS, Discipline.OT, OT, "GO", "2600.00", true),
                new Case("PT does not count for OT: GP 5000 + OT 96", DOS, Discipline.OT, OT, "GP", "5000.00", false),
                new Case("PT on two claims crossing on the second: 2350 + 90 + 44", DOS, Discipline.PT, PT_TWO_CLAIMS, "GP",
                        "2350.00", true),
                new Case("PT on two claims below: 2300 + 90 + 44", DOS, Discipline.PT, PT_TWO_CLAIMS, "GP", "2300.00", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void captureOutputScrubbedDrawsNoKxFinding(Case c) {
        Outcome outcome = captureAndScrub(c);

        assertThat(outcome.capture.findings()).isEmpty();
        List<Charge> lines = outcome.claims.stream().flatMap(s -> s.claim().lines().stream()).toList();
        assertThat(lines).hasSize(c.lines.size()).allSatisfy(l -> assertThat(l.modifiers().contains("KX")).isEqualTo(c.kx));
        assertThat(outcome.findings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theScrubberFlagsTheOtherKxChoice(Case c) {
        Outcome outcome = captureAndScrub(c);
        StoredClaim first = outcome.claims.get(0);
        List<Charge> flipped = first.claim().lines().stream().map(l -> {
            List<String> modifiers = new ArrayList<>(l.modifiers());
            if (!modifiers.remove("KX")) {
                modifiers.add("KX");
            }
            return new Charge(l.code(), modifiers, l.units(), l.minutes(), l.diagnosisPointers(), l.amount(), l.renderingProviderId(),
                    l.dateOfService(), l.placeOfService());
        }).toList();
        Claim claim = first.claim();
        Claim wrong = claim.toBuilder().lines(flipped).build();

        assertThat(KX_RULES.scrub(wrong, context(first, outcome.all)).findings()).extracting(Finding::ruleId)
                .hasSize(flipped.size()).containsOnly("KX_MODIFIER");
    }

    @org.junit.jupiter.api.Test
    void aYearWithoutThresholdIsAWarningInBothAndNoKx() {
        Outcome outcome = captureAndScrub(new Case("2027", LocalDate.of(2027, 1, 12), Discipline.PT, PT, "GP", "9000.00", false));

        assertThat(outcome.capture.findings()).extracting(CaptureFinding::code, CaptureFinding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingCode.KX_THRESHOLD_UNKNOWN, FindingCode.Severity.WARNING));
        assertThat(outcome.claims.get(0).claim().lines()).allSatisfy(l -> assertThat(l.modifiers()).doesNotContain("KX"));
        assertThat(outcome.findings).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("KX_THRESHOLD", Severity.WARNING));
    }

    private record Outcome(CaptureResult.Captured capture, List<StoredClaim> claims, List<StoredClaim> all, List<Finding> findings) {
    }

    private static Outcome captureAndScrub(Case c) {
        Instant signedAt = c.dos.atTime(17, 0).toInstant(java.time.ZoneOffset.UTC);
        List<StoredClaim> all = new ArrayList<>();
        // The earlier claim of the same year, and claims that must not count: another payer's, a later-signed note's.
        all.add(stored(earlierClaim("earlier-1", "payer-medicare", c.dos.withDayOfMonth(1), c.earlierModifier, c.earlier), "note-0",
                signedAt.minusSeconds(9 * 86400)));
        all.add(stored(earlierClaim("earlier-2", "payer-acme", c.dos.withDayOfMonth(1), "GP", "5000.00"), "note-00",
                signedAt.minusSeconds(9 * 86400)));
        all.add(stored(earlierClaim("later-1", "payer-medicare", c.dos, "GP", "5000.00"), "note-zz", signedAt.plusSeconds(60)));

        SignedNote note = new SignedNote("note-1", "appt-1", PATIENT, "coverage-1", "payer-medicare", c.dos, "11",
                TelehealthMode.IN_PERSON, false, c.discipline, List.of("M5450"), c.lines);
        TherapyYearToDate ytd = TherapyYearToDate.beforeNote(PATIENT, new TherapyYearToDate.Position(c.dos, signedAt, note.id()),
                all, MEDICARE_PAYERS);
        CaptureResult.Captured captured = (CaptureResult.Captured) ChargeCapture.capture(note,
                Payers.rules("payer-medicare", PayerType.MEDICARE, c.dos), THRESHOLDS, FeeSchedule.loadSample(), CodeCatalog.load(), ytd);
        ClaimAssembly.Assembled assembled = ClaimAssembly.assemble(note.id(), HEADER, note.diagnoses(), captured.charges(),
                id -> new Party("Lee", "Dana", "1987654328", null, "225100000X", null));
        List<StoredClaim> own = assembled.claims().stream().map(claim -> stored(claim, note.id(), signedAt)).toList();
        all.addAll(own);

        List<Finding> findings = new ArrayList<>();
        for (StoredClaim claim : own) {
            findings.addAll(KX_RULES.scrub(claim.claim(), context(claim, all)).findings());
        }
        return new Outcome(captured, own, all, findings);
    }

    private static ScrubContext context(StoredClaim claim, List<StoredClaim> all) {
        return new ScrubContext(Payers.rules("payer-medicare", PayerType.MEDICARE, claim.claim().dateOfService()),
                CodeSets.shipped(), THRESHOLDS, null, List.of(), List.of(), claim.claim().dateOfService(), Set.of(),
                TherapyYearToDate.beforeClaim(claim, all, MEDICARE_PAYERS), TelehealthMode.IN_PERSON);
    }

    private static ServiceLine line(String code, int minutes, String provider) {
        return new ServiceLine(code, minutes, provider, AssistantInvolvement.NONE);
    }

    private static Claim earlierClaim(String id, String payerId, LocalDate dos, String modifier, String amount) {
        Charge line = new Charge("97110", List.of(modifier), 1, 15, List.of(1), new BigDecimal(amount), "pt-1", dos, "11");
        return Claim.builder().id(id).patientId(PATIENT).coverageId("coverage-1").payer(payerId, null, null).dateOfService(dos)
                .placeOfService("11").diagnoses(List.of("M5450")).lines(List.of(line)).build();
    }

    private static StoredClaim stored(Claim claim, String noteId, Instant signedAt) {
        return new StoredClaim(claim, noteId, signedAt, ClaimStatus.SCRUB_PENDING, true, signedAt.plusSeconds(5), 1);
    }
}
