package org.therapyops.billing.bench;

import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.PostalAddress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The realistic inputs the benchmarks share: a PT practice billing Medicare Part B. Made-up people; NPIs pass
 * the Luhn check and the MBI has the CMS format, so the scrubber and the 837P writer take their normal paths.
 */
final class Inputs {

    static final LocalDate DOS = LocalDate.of(2026, 6, 15);

    static final Party BILLING = new Party("Riverside Therapy Group", null, "1234567893", "12-3456789", "261QR0400X",
            new PostalAddress("100 Main Street", "Suite 200", "Springfield", "IL", "62701-1234"));
    static final Party THERAPIST = new Party("Lee", "Dana", "1987654328", null, "225100000X", BILLING.address());
    static final Party REFERRING = new Party("Okafor", "Sam", "1456789019", null, null, null);

    private Inputs() {
    }

    /**
     * A signed PT note: 33 minutes of 97110, 20 of 97112, 12 of 97140 and 8 of 97530. The day's 73 timed minutes
     * make 5 units by the CMS 8-minute rule (2 + 1 + 1 + 1), two diagnoses.
     */
    static SignedNote ptNote() {
        return new SignedNote("note-1", "appt-1", "patient-1", "coverage-1", "payer-medicare", DOS, "11",
                TelehealthMode.IN_PERSON, false, Discipline.PT, List.of("M54.50", "M62.81"),
                List.of(line("97110", 33), line("97112", 20), line("97140", 12), line("97530", 8)));
    }

    private static ServiceLine line(String code, int minutes) {
        return new ServiceLine(code, minutes, "provider-1", AssistantInvolvement.NONE);
    }

    static Subscriber subscriber(int n) {
        return new Subscriber(mbi(n), "Rivera" + letters(n), "Alex", LocalDate.of(1940 + n % 30, 1 + n % 12, 1 + n % 28),
                n % 2 == 0 ? "F" : "M", new PostalAddress(n + " Elm Street", null, "Springfield", "IL", "62704"));
    }

    /**
     * A Medicare Part B claim of one visit with four lines: a PT evaluation (97161), 33 minutes of 97110, 15 of
     * 97112 and 7 of 97140 marked 59 for the NCCI pair with the evaluation (55 timed minutes: 2 + 1 + 1 units),
     * every line GP and, the patient's year being above the KX threshold, KX.
     */
    static Claim medicareClaim(String id, int patient, LocalDate dateOfService) {
        List<Charge> lines = List.of(
                charge("97161", List.of("GP", "KX"), 1, 30, "150.00", List.of(1, 2), dateOfService),
                charge("97110", List.of("GP", "KX"), 2, 33, "90.00", List.of(1), dateOfService),
                charge("97112", List.of("GP", "KX"), 1, 15, "48.00", List.of(1, 2), dateOfService),
                charge("97140", List.of("GP", "59", "KX"), 1, 7, "44.00", List.of(1, 2), dateOfService));
        return new Claim(id, "patient-" + patient, "coverage-" + patient, "payer-medicare", "Medicare Part B", "00952",
                BILLING, THERAPIST, REFERRING, subscriber(patient), dateOfService, "11", ClaimFrequency.ORIGINAL, null,
                null, List.of("M54.50", "M62.81"), lines);
    }

    private static Charge charge(String code, List<String> modifiers, int units, int minutes, String amount,
                                 List<Integer> pointers, LocalDate dateOfService) {
        return new Charge(code, modifiers, units, minutes, pointers, new BigDecimal(amount), "provider-1",
                dateOfService, "11");
    }

    /** A week's batch: {@code n} claims of 40 patients seen two or three times, oldest visit first. */
    static List<Claim> batch(int n) {
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            claims.add(medicareClaim(String.format("CLM%05d", i + 1), i % 40, DOS.plusDays(i / 40 * 2L)));
        }
        return claims;
    }

    /** An MBI in the CMS format (C A AN N A AN N A A N N), distinct per patient below 100. */
    static String mbi(int n) {
        return "1EG4TE5MK" + String.format("%02d", n % 100);
    }

    private static String letters(int n) {
        return n == 0 ? "" : String.valueOf((char) ('a' + n % 26)) + (n >= 26 ? String.valueOf((char) ('a' + n / 26)) : "");
    }
}
