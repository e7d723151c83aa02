package org.therapyops.billing.scrub;

import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.UnitType;
import org.therapyops.payer.PayerRules;
import org.therapyops.testing.Payers;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A clean Medicare claim and its context, mutable so that each test breaks exactly one thing: a PT evaluation
 * (97161) with 33 minutes of 97110 and 7 of 97140 (the CMS 8-minute example: 2 + 1 units), 97140 marked 59
 * for the NCCI pair with the evaluation, two billable diagnoses.
 */
final class Fixture {

    static final CodeSets CODE_SETS = CodeSets.shipped();
    static final KxThresholds KX_THRESHOLDS = KxThresholds.load();
    static final LocalDate DOS = LocalDate.of(2026, 6, 15);
    static final String MBI = "1EG4TE5MK73";

    /** One service line, mutable; date and place of service come from the claim. */
    static final class Line {
        String code;
        List<String> modifiers;
        int units;
        int minutes;
        List<Integer> pointers;
        BigDecimal amount;
        String placeOfService;

        Line(String code, int units, int minutes, String amount, List<Integer> pointers, String... modifiers) {
            this.code = code;
            this.units = units;
            this.minutes = minutes;
            this.amount = new BigDecimal(amount);
            this.pointers = new ArrayList<>(pointers);
            this.modifiers = new ArrayList<>(Arrays.asList(modifiers));
        }
    }

    String id = "claim-1";
    String patientId = "patient-1";
    String payerId = "payer-medicare";
    Party billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X",
            new PostalAddress("1 Main St", null, "Springfield", "IL", "627011234"));
    Party rendering = new Party("Lee", "Dana", "1987654328", null, "225100000X", null);
    Party referring = new Party("Okafor", "Sam", "1456789019", null, null, null);
    String memberId = MBI;
    String lastName = "Rivera";
    String firstName = "Alex";
    LocalDate birthDate = LocalDate.of(1950, 3, 2);
    String sex = "F";
    PostalAddress address = new PostalAddress("12 Elm Ave", "Apt 3", "Springfield", "IL", "62704");
    LocalDate dateOfService = DOS;
    String placeOfService = "11";
    ClaimFrequency frequency = ClaimFrequency.ORIGINAL;
    String originalClaimId;
    String originalReference;
    String authorizationNumber;
    List<String> diagnoses = new ArrayList<>(List.of("M54.50", "M62.81"));
    List<Line> lines = new ArrayList<>(List.of(
            new Line("97161", 1, 30, "120.00", List.of(1, 2), "GP"),
            new Line("97110", 2, 33, "60.00", List.of(1), "GP"),
            new Line("97140", 1, 7, "40.00", List.of(1, 2), "GP", "59")));

    /** The payer's type picks the profile; its own settings (none by default) go over it. */
    PayerType payerType = PayerType.MEDICARE;
    PayerRuleSettings payerSettings = PayerRuleSettings.NONE;
    CodeSets codeSets = CODE_SETS;
    KxThresholds kxThresholds = KX_THRESHOLDS;
    Coverage coverage = new Coverage("coverage-1", "patient-1", "payer-medicare", MBI, CoveragePriority.PRIMARY,
            LocalDate.of(2026, 1, 1), null, Instant.parse("2026-01-01T00:00:00Z"), 1);
    List<Authorization> authorizations = new ArrayList<>();
    List<Claim> otherClaims = new ArrayList<>();
    LocalDate today = LocalDate.of(2026, 7, 1);
    Set<String> feeScheduleCodes = Set.of("97110", "97112", "97140", "97150", "97161", "97164", "97530", "97153", "92507", "97035");
    TherapyYearToDate yearToDate = new TherapyYearToDate(2026, new BigDecimal("500.00"), BigDecimal.ZERO);
    TelehealthMode telehealth = TelehealthMode.IN_PERSON;
    /** The lines' rendering providers that are assistants (PTA, COTA). */
    Set<String> assistantIds = new java.util.HashSet<>();

    Line line(int i) {
        return lines.get(i);
    }

    /** The same session billed to a Medicaid-like plan that wants every service authorized (PA-100, 20 units). */
    Fixture medicaid() {
        payerType = PayerType.MEDICAID;
        payerId = "payer-medicaid";
        memberId = "MCD000123";
        coverage = new Coverage("coverage-1", "patient-1", "payer-medicaid", memberId, CoveragePriority.PRIMARY,
                LocalDate.of(2026, 1, 1), null, Instant.parse("2026-01-01T00:00:00Z"), 1);
        authorizationNumber = "PA-100";
        authorizations.add(authorization("PA-100", UnitType.UNITS, 20, 10, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31)));
        yearToDate = null;
        return this;
    }

    Fixture commercial() {
        medicaid();
        payerType = PayerType.COMMERCIAL;
        return this;
    }

    static Authorization authorization(String number, UnitType type, long authorized, long rendered, LocalDate from, LocalDate to) {
        return new Authorization("auth-" + number, "patient-1", "coverage-1", number,
                Set.of("97161", "97110", "97140", "97530"), type, authorized, 0, rendered, from, to, Discipline.PT,
                Instant.parse("2026-04-30T00:00:00Z"), 1);
    }

    Claim claim() {
        List<Charge> charges = lines.stream().map(l -> new Charge(l.code, l.modifiers, l.units, l.minutes, l.pointers, l.amount,
                "provider-1", dateOfService, l.placeOfService == null ? placeOfService : l.placeOfService)).toList();
        return Claim.builder().id(id).patientId(patientId).coverageId("coverage-1").payer(payerId, "Payer", "00000")
                .billingProvider(billing).renderingProvider(rendering).referringProvider(referring)
                .subscriber(new Subscriber(memberId, lastName, firstName, birthDate, sex, address)).dateOfService(dateOfService)
                .placeOfService(placeOfService).frequency(frequency).originalClaimId(originalClaimId)
                .priorAuthorizationNumber(authorizationNumber).diagnoses(diagnoses).lines(charges).originalReference(originalReference)
                .build();
    }

    /** The payer's rules on {@link #DOS} (a test that moves the claim's date of service keeps the same profile). */
    PayerRules rules() {
        Payer payer = Payers.payer(payerId, "Payer", payerType, payerSettings);
        return Payers.RESOLVER.rulesFor(payer, DOS).orElseThrow();
    }

    ScrubContext context() {
        return new ScrubContext(rules(), codeSets, kxThresholds, coverage, authorizations, otherClaims, today, feeScheduleCodes,
                yearToDate, telehealth, assistantIds);
    }
}
