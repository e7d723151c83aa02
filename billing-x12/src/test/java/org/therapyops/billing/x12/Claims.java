package org.therapyops.billing.x12;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthetic claims of every shape the 837P writer must handle. Made-up people; NPIs pass the Luhn check. */
final class Claims {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T14:05:00Z"), ZoneOffset.UTC);
    static final LocalDate DOS = LocalDate.of(2026, 11, 20);

    static final Submitter SUBMITTER = new Submitter("practice-1", "Riverside Therapy Group", "RTG0001",
            "Billing Office", "(555) 010-2000", "billing@riverside.example");
    static final Receiver RECEIVER = new Receiver("Example Clearinghouse", "CLEARHOUSE01", false);

    static final Party BILLING = new Party("Riverside Therapy Group", null, "1234567893", "12-3456789", "261QR0400X",
            new PostalAddress("100 Main Street", "Suite 200", "Springfield", "IL", "62701-1234"));
    static final Party BILLING_2 = new Party("Lakeside Speech Clinic", null, "1678901236", "98-7654321", "261QS1200X",
            new PostalAddress("5 Harbor Road", null, "Chicago", "IL", "606011234"));
    static final Party THERAPIST = new Party("Nguyen", "Alice", "1456789019", null, "225100000X", BILLING.address());
    static final Party REFERRING = new Party("Okafor", "James", "1890123452", null, "207Q00000X", null);

    static final Subscriber PAT_1 = new Subscriber("XJH123456789", "Doe", "Jane", LocalDate.of(1961, 4, 2), "F",
            new PostalAddress("12 Elm Street", null, "Springfield", "IL", "62704"));
    static final Subscriber PAT_2 = new Subscriber("1EG4TE5MK73", "Roe", "Richard", LocalDate.of(1950, 9, 30), "M",
            new PostalAddress("77 Oak Avenue", "Apt 3", "Springfield", "IL", "62702"));
    static final Subscriber PAT_3 = new Subscriber("M00987", "Poe", "Sam", LocalDate.of(2015, 1, 15), "U",
            new PostalAddress("9 Pine Court", null, "Chicago", "IL", "60614"));

    static final List<String> DX_12 = List.of("M54.50", "M25.561", "M25.562", "M62.81", "R26.2", "R26.89",
            "M79.604", "M79.605", "G89.29", "Z96.651", "M17.11", "M17.12");

    private Claims() {
    }

    static Charge line(String code, List<String> modifiers, int units, String amount, List<Integer> pointers) {
        return new Charge(code, modifiers, units, units * 15, pointers, new BigDecimal(amount), "therapist-1", DOS, "11");
    }

    static Claim claim(String id, Subscriber subscriber, Party billing, Party rendering, Party referring,
                       ClaimFrequency frequency, String originalId, String auth, String pos, List<String> dx,
                       List<Charge> lines) {
        // A replacement or void names the original (here "original-claim") and the payer's number of it (originalId).
        return new Claim(id, "patient-" + subscriber.memberId(), "coverage-1", "payer-1", "Example Health Plan",
                "87726", billing, rendering, referring, subscriber, DOS, pos, frequency,
                originalId == null ? null : "original-claim", auth, dx, lines, originalId);
    }

    static Claim oneLine() {
        return claim("CLM0001", PAT_1, BILLING, BILLING, null, ClaimFrequency.ORIGINAL, null, null, "11",
                List.of("M54.50"), List.of(line("97110", List.of("GP"), 2, "120.00", List.of(1))));
    }

    static Claim fiftyLines() {
        List<Charge> lines = new ArrayList<>();
        String[] codes = {"97110", "97112", "97140", "97530", "97116"};
        for (int i = 0; i < Claim.MAX_LINES; i++) {
            Charge c = line(codes[i % codes.length], List.of("GP"), 1 + i % 3, (40 + i) + ".50", List.of(1 + i % 2));
            lines.add(new Charge(c.code(), c.modifiers(), c.units(), c.minutes(), c.diagnosisPointers(), c.amount(),
                    c.renderingProviderId(), DOS.minusDays(i % 20), c.placeOfService()));
        }
        return claim("CLM0050", PAT_1, BILLING, BILLING, null, ClaimFrequency.ORIGINAL, null, null, "11",
                List.of("M54.50", "M62.81"), lines);
    }

    static Claim twelveDiagnoses() {
        return claim("CLM0012", PAT_2, BILLING, BILLING, null, ClaimFrequency.ORIGINAL, null, null, "11", DX_12,
                List.of(line("97110", List.of("GP"), 2, "120", List.of(1, 2, 3, 4)),
                        line("97140", List.of("GP", "59"), 1, "65.25", List.of(5, 6, 7, 8)),
                        line("97530", List.of("GP"), 1, "70", List.of(9, 10, 11, 12)),
                        line("97112", List.of("GP", "KX"), 1, "68", List.of(12, 1))));
    }

    static Claim referring() {
        return claim("CLM0REF", PAT_2, BILLING, BILLING, REFERRING, ClaimFrequency.ORIGINAL, null, null, "11",
                List.of("M17.11", "Z96.651"), List.of(line("97161", List.of("GP"), 1, "150", List.of(1, 2))));
    }

    static Claim renderingDiffers() {
        return claim("CLM0RND", PAT_1, BILLING, THERAPIST, null, ClaimFrequency.ORIGINAL, null, null, "11",
                List.of("M54.50"), List.of(line("97110", List.of("GP"), 3, "180", List.of(1)),
                        line("97140", List.of("GP"), 1, "60", List.of(1))));
    }

    static Claim replacement() {
        return claim("CLM0001R", PAT_1, BILLING, BILLING, null, ClaimFrequency.REPLACEMENT, "PAYERICN0001", null, "11",
                List.of("M54.50"), List.of(line("97110", List.of("GP"), 3, "180", List.of(1))));
    }

    static Claim voided() {
        return claim("CLM0001V", PAT_1, BILLING, BILLING, null, ClaimFrequency.VOID, "PAYERICN0001", null, "11",
                List.of("M54.50"), List.of(line("97110", List.of("GP"), 2, "120", List.of(1))));
    }

    static Claim priorAuthorization() {
        return claim("CLM0AUTH", PAT_2, BILLING, THERAPIST, null, ClaimFrequency.ORIGINAL, null, "AUTH-2026-0042",
                "11", List.of("R26.2", "M62.81"),
                List.of(line("97116", List.of("GP"), 2, "110", List.of(1, 2)),
                        line("97530", List.of("GP"), 2, "140", List.of(1))));
    }

    static Claim telehealth() {
        Charge video = new Charge("97110", List.of("GP", "95"), 2, 30, List.of(1), new BigDecimal("120"),
                "therapist-1", DOS, "10");
        Charge audio = new Charge("97535", List.of("GP", "93"), 1, 15, List.of(1), new BigDecimal("55"),
                "therapist-1", DOS, "02");
        return claim("CLM0TELE", PAT_3, BILLING, THERAPIST, null, ClaimFrequency.ORIGINAL, null, null, "10",
                List.of("M54.50"), List.of(video, audio));
    }

    /** Referring, rendering different from billing, prior authorization, a replacement, a line at another place. */
    static Claim combined() {
        return claim("CLM0042", PAT_2, BILLING, THERAPIST, REFERRING, ClaimFrequency.REPLACEMENT, "PAYERICN0099",
                "AUTH-7", "11", List.of("M17.11", "Z96.651", "R26.2"),
                List.of(line("97110", List.of("GP", "KX"), 2, "120.00", List.of(1, 2, 3)),
                        new Charge("97535", List.of("GP", "95"), 1, 15, List.of(2), new BigDecimal("55.50"), "t-1",
                                DOS.plusDays(1), "10")));
    }

    static List<Claim> severalPatients() {
        Claim speech = claim("CLM0SLP", PAT_3, BILLING_2, BILLING_2, null, ClaimFrequency.ORIGINAL, null, null, "11",
                List.of("F80.0"), List.of(line("92507", List.of("GN"), 1, "95", List.of(1))));
        return List.of(oneLine(), twelveDiagnoses(), renderingDiffers(), speech, telehealth(), priorAuthorization());
    }

    /** {@code claim} with its own id and a subscriber whose member id is {@code memberId} (the simulator's outcome). */
    static Claim withMember(Claim claim, String id, String memberId) {
        Subscriber s = claim.subscriber();
        Subscriber subscriber = new Subscriber(memberId, s.lastName(), s.firstName(), s.birthDate(), s.sex(), s.address());
        return claim.toBuilder().id(id).subscriber(subscriber).build();
    }

    /** Every shape, by file name. */
    static Map<String, List<Claim>> shapes() {
        Map<String, List<Claim>> shapes = new java.util.LinkedHashMap<>();
        shapes.put("one-line", List.of(oneLine()));
        shapes.put("fifty-lines", List.of(fiftyLines()));
        shapes.put("twelve-diagnoses", List.of(twelveDiagnoses()));
        shapes.put("referring", List.of(referring()));
        shapes.put("rendering-differs", List.of(renderingDiffers()));
        shapes.put("replacement", List.of(replacement()));
        shapes.put("void", List.of(voided()));
        shapes.put("prior-authorization", List.of(priorAuthorization()));
        shapes.put("telehealth", List.of(telehealth()));
        shapes.put("combined", List.of(combined()));
        shapes.put("several-patients", severalPatients());
        return shapes;
    }
}
