package org.therapyops.billing.scrub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.rules.ScrubRules;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.UnitRounding;
import org.therapyops.domain.UnitType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule with a claim it passes and a claim it fails, the failing field named. */
class ScrubRulesTest {

    private static final Map<String, ScrubRule> RULES = ScrubRules.all().stream()
            .collect(Collectors.toMap(ScrubRule::id, Function.identity()));

    /** A rule, a situation, and the field the finding must name (null: the rule must pass). */
    record Case(String ruleId, String situation, Consumer<Fixture> setup, String field) {
        @Override
        public String toString() {
            return ruleId + ": " + situation;
        }
    }

    static Case fails(String ruleId, String situation, Consumer<Fixture> setup, String field) {
        return new Case(ruleId, situation, setup, field);
    }

    static Case passes(String ruleId, String situation, Consumer<Fixture> setup) {
        return new Case(ruleId, situation, setup, null);
    }

    static Stream<Case> failing() {
        return Stream.of(
                fails("BILLING_NPI", "check digit wrong", f -> f.billing = party(f.billing, "1234567890"), "billingProvider.npi"),
                fails("BILLING_NPI", "missing", f -> f.billing = party(f.billing, null), "billingProvider.npi"),
                fails("RENDERING_NPI", "nine digits", f -> f.rendering = party(f.rendering, "198765432"), "renderingProvider.npi"),
                fails("REFERRING_NPI", "check digit wrong", f -> f.referring = party(f.referring, "1456789010"), "referringProvider.npi"),
                fails("BILLING_TIN", "eight digits", f -> f.billing = new Party("Riverside Therapy", null, "1234567893", "12-345678", "225100000X", null), "billingProvider.taxId"),
                fails("BILLING_TIN", "all zeros", f -> f.billing = new Party("Riverside Therapy", null, "1234567893", "000000000", "225100000X", null), "billingProvider.taxId"),
                fails("PROVIDER_TAXONOMY", "billing taxonomy missing", f -> f.billing = new Party("Riverside Therapy", null, "1234567893", "12-3456789", null, null), "billingProvider.taxonomy"),
                fails("PROVIDER_TAXONOMY", "rendering taxonomy malformed", f -> f.rendering = new Party("Lee", "Dana", "1987654328", null, "2251000X", null), "renderingProvider.taxonomy"),
                fails("BILLING_ADDRESS", "post office box", f -> f.billing = billingAt(new PostalAddress("PO Box 12", null, "Springfield", "IL", "627011234")), "billingProvider.address.line1"),
                fails("BILLING_ADDRESS", "five-digit ZIP", f -> f.billing = billingAt(new PostalAddress("1 Main St", null, "Springfield", "IL", "62701")), "billingProvider.address.postalCode"),
                fails("BILLING_ADDRESS", "missing", f -> f.billing = billingAt(null), "billingProvider.address"),
                fails("SUBSCRIBER_ADDRESS", "missing", f -> f.address = null, "subscriber.address"),
                fails("SUBSCRIBER_ADDRESS", "unknown state", f -> f.address = new PostalAddress("12 Elm Ave", null, "Springfield", "XX", "62704"), "subscriber.address.state"),
                fails("SUBSCRIBER_ADDRESS", "no city", f -> f.address = new PostalAddress("12 Elm Ave", null, " ", "IL", "62704"), "subscriber.address.city"),
                fails("MEMBER_ID", "missing", f -> f.memberId = " ", "subscriber.memberId"),
                fails("MEMBER_ID", "differs from the coverage", f -> f.memberId = "1EG4TE5MK74", "subscriber.memberId"),
                fails("MEDICARE_MBI", "letter S at position 2", f -> f.memberId = "1SG4TE5MK73", "subscriber.memberId"),
                fails("MEDICARE_MBI", "old HICN with dashes", f -> f.memberId = "1EG4-TE5-MK73", "subscriber.memberId"),
                fails("PATIENT_NAME", "no first name", f -> f.firstName = "", "subscriber.firstName"),
                fails("PATIENT_BIRTH_DATE", "in the future", f -> f.birthDate = LocalDate.of(2027, 1, 1), "subscriber.birthDate"),
                fails("PATIENT_BIRTH_DATE", "after the date of service", f -> f.birthDate = LocalDate.of(2026, 6, 20), "subscriber.birthDate"),
                fails("PATIENT_SEX", "not a DMG03 code", f -> f.sex = "X", "subscriber.sex"),
                fails("DIAGNOSIS_COUNT", "none", f -> f.diagnoses.clear(), "diagnoses"),
                fails("DIAGNOSIS_COUNT", "thirteen", f -> {
                    f.diagnoses.clear();
                    f.diagnoses.addAll(List.of("M5450", "M6281", "R262", "R2689", "M25561", "M25562", "Z9181", "R531", "M6250", "G8929", "M79604", "M79605", "R29898"));
                }, "diagnoses"),
                fails("ICD10_DATE", "service before ICD-10", f -> {
                    f.dateOfService = LocalDate.of(2015, 9, 30);
                    f.today = LocalDate.of(2015, 10, 5);
                }, "dateOfService"),
                fails("ICD10_VALID", "no such code", f -> f.diagnoses.set(1, "M99.999"), "diagnoses[1]"),
                fails("ICD10_BILLABLE", "M54.5 is a header since October 2021", f -> f.diagnoses.set(0, "M54.5"), "diagnoses[0]"),
                fails("ICD10_BILLABLE", "category E11", f -> f.diagnoses.set(1, "E11"), "diagnoses[1]"),
                fails("ICD10_CODE_SET_IN_FORCE", "service after every loaded release", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.dateOfService = LocalDate.of(2027, 10, 1);
                    f.today = LocalDate.of(2027, 10, 10);
                }, "diagnoses"),
                fails("ICD10_CODE_SET_IN_FORCE", "service after the shipped release", f -> {
                    f.dateOfService = LocalDate.of(2026, 10, 2);
                    f.today = LocalDate.of(2026, 10, 10);
                }, "diagnoses"),
                fails("ICD10_VALID", "code deleted by the release in force on the date of service", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.dateOfService = SyntheticIcd.NEW_DOS;
                    f.today = SyntheticIcd.NEW_DOS.plusDays(5);
                    f.diagnoses.set(1, SyntheticIcd.DELETED);
                }, "diagnoses[1]"),
                fails("ICD10_BILLABLE", "code the release in force turned into a header", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.dateOfService = SyntheticIcd.NEW_DOS;
                    f.today = SyntheticIcd.NEW_DOS.plusDays(5);
                    f.diagnoses.set(1, SyntheticIcd.TURNED_HEADER);
                }, "diagnoses[1]"),
                fails("DIAGNOSIS_POINTERS", "pointer at a missing diagnosis", f -> f.line(1).pointers = new ArrayList<>(List.of(3)), "lines[1].diagnosisPointers"),
                fails("DIAGNOSIS_POINTERS", "five pointers", f -> f.line(0).pointers = new ArrayList<>(List.of(1, 2, 1, 2, 1)), "lines[0].diagnosisPointers"),
                fails("DIAGNOSIS_POINTERS", "pointer 13", f -> f.line(0).pointers = new ArrayList<>(List.of(13)), "lines[0].diagnosisPointers"),
                fails("DIAGNOSIS_POINTERS", "no pointer", f -> f.line(2).pointers = new ArrayList<>(), "lines[2].diagnosisPointers"),
                fails("PROCEDURE_CODE_FORMAT", "four digits", f -> f.line(1).code = "9711", "lines[1].code"),
                fails("PROCEDURE_CODE_FORMAT", "five modifiers", f -> f.line(1).modifiers = new ArrayList<>(List.of("GP", "KX", "59", "XS", "76")), "lines[1].modifiers"),
                fails("FEE_SCHEDULED", "no rate for the code", f -> f.feeScheduleCodes = Set.of("97110", "97161"), "lines[2].code"),
                fails("AMOUNT_POSITIVE", "zero amount", f -> f.line(1).amount = BigDecimal.ZERO, "lines[1].amount"),
                fails("DISCIPLINE_MODIFIER", "97110 without GP/GO/GN", f -> f.line(1).modifiers = new ArrayList<>(), "lines[1].modifiers"),
                fails("DISCIPLINE_MODIFIER", "two discipline modifiers", f -> f.line(1).modifiers = new ArrayList<>(List.of("GP", "GO")), "lines[1].modifiers"),
                fails("DISCIPLINE_MODIFIER", "PT evaluation with GO", f -> f.line(0).modifiers = new ArrayList<>(List.of("GO")), "lines[0].modifiers"),
                fails("KX_MODIFIER", "threshold crossed, no KX", f -> f.yearToDate = new TherapyYearToDate(2026, new BigDecimal("2400.00"), BigDecimal.ZERO), "lines[0].modifiers"),
                fails("KX_MODIFIER", "KX below the threshold", f -> f.line(1).modifiers.add("KX"), "lines[1].modifiers"),
                fails("KX_MODIFIER", "threshold crossed by this claim, KX on one line only", f -> {
                    f.yearToDate = new TherapyYearToDate(2026, new BigDecimal("2300.00"), BigDecimal.ZERO);
                    f.line(2).modifiers.add("KX");
                }, "lines[0].modifiers"),
                fails("KX_THRESHOLD", "Medicare claim in a year without threshold", f -> f.kxThresholds = KxThresholds.of(List.of()),
                        "dateOfService"),
                fails("ASSISTANT_MODIFIER", "CQ on an OT line", f -> f.line(1).modifiers = new ArrayList<>(List.of("GO", "CQ")), "lines[1].modifiers"),
                fails("ASSISTANT_MODIFIER", "CQ and CO together", f -> f.line(1).modifiers = new ArrayList<>(List.of("GP", "CQ", "CO")), "lines[1].modifiers"),
                fails("NCCI_PTP", "97140 with the evaluation, no 59/X", f -> f.line(2).modifiers = new ArrayList<>(List.of("GP")), "lines[2].modifiers"),
                fails("NCCI_PTP", "indicator 0: never together", f -> f.codeSets = withPtp(f.codeSets,
                        new PtpEdit("97161", "97110", LocalDate.of(2020, 1, 1), null, 0, "Mutually exclusive procedures")), "lines[1].code"),
                fails("MUE_UNITS", "97035 over 2 a day (indicator 3, summed over lines)", f -> {
                    f.lines.add(new Fixture.Line("97035", 2, 30, "30.00", List.of(1), "GP"));
                    f.lines.add(new Fixture.Line("97035", 1, 15, "15.00", List.of(1), "GP"));
                }, "lines[4].units"),
                fails("MUE_UNITS", "indicator 1: per line", f -> {
                    f.codeSets = withMue(f.codeSets, new MueTable.Limit("97110", 4, 1, false, "test"));
                    f.line(1).units = 5;
                    f.line(1).minutes = 75;
                    f.line(2).minutes = 0;
                    f.line(2).units = 0;
                }, "lines[1].units"),
                fails("UNITS_MINUTES", "8-minute rule: 40 timed minutes billed as 4 units", f -> f.line(2).units = 2, "lines"),
                fails("UNITS_MINUTES", "8-minute rule allocation: 33 + 7 minutes billed 3 + 0, CMS says 2 + 1", f -> {
                    f.line(1).units = 3;
                    f.line(2).units = 0;
                }, "lines[1].units"),
                fails("UNITS_MINUTES", "per code (commercial): 7 minutes of 97140 bill nothing", f -> f.commercial(), "lines[2].units"),
                fails("UNITS_MINUTES", "a Medicare payer's own per-code rounding: 7 minutes of 97140 bill nothing", f ->
                        f.payerSettings = PayerRuleSettings.NONE.withUnitRounding(UnitRounding.PER_CODE), "lines[2].units"),
                fails("UNITS_MINUTES", "ABA per code whatever the payer", f -> f.lines.add(new Fixture.Line("97153", 4, 50, "80.00", List.of(1))), "lines[3].units"),
                fails("AUTH_NUMBER", "required and missing", f -> {
                    f.medicaid();
                    f.authorizationNumber = null;
                }, "priorAuthorizationNumber"),
                fails("AUTH_NUMBER", "number the patient does not hold", f -> {
                    f.medicaid();
                    f.authorizationNumber = "PA-999";
                }, "priorAuthorizationNumber"),
                fails("AUTH_NUMBER", "a commercial payer's own list names the evaluation", f -> {
                    f.commercial();
                    f.payerSettings = PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.listed(Set.of("97161")));
                    f.authorizationNumber = null;
                    f.lines.subList(1, 3).clear();
                }, "priorAuthorizationNumber"),
                fails("AUTH_WINDOW", "date of service after the window", f -> {
                    f.medicaid();
                    f.authorizations.set(0, Fixture.authorization("PA-100", UnitType.UNITS, 20, 0, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 14)));
                }, "dateOfService"),
                fails("AUTH_WINDOW", "code not covered", f -> {
                    f.medicaid();
                    f.lines.add(new Fixture.Line("97112", 0, 0, "10.00", List.of(1), "GP"));
                }, "lines[3].code"),
                fails("AUTH_UNITS", "4 units needed (evaluation 1, 97110 2, 97140 1), 3 left", f -> {
                    f.medicaid();
                    f.authorizations.set(0, Fixture.authorization("PA-100", UnitType.UNITS, 20, 17, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31)));
                }, "lines[2].units"),
                fails("AUTH_UNITS", "visits used up", f -> {
                    f.medicaid();
                    f.authorizations.set(0, Fixture.authorization("PA-100", UnitType.VISITS, 12, 12, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31)));
                }, "lines[2].units"),
                fails("TIMELY_FILING", "Medicare: 366 days", f -> f.today = Fixture.DOS.plusDays(366), "dateOfService"),
                fails("TIMELY_FILING", "commercial: 91 days", f -> {
                    f.commercial();
                    f.today = Fixture.DOS.plusDays(91);
                }, "dateOfService"),
                fails("TIMELY_FILING", "a payer's own 30 days: 45 days", f -> {
                    f.commercial();
                    f.payerSettings = PayerRuleSettings.NONE.withTimelyFilingDays(30);
                    f.today = Fixture.DOS.plusDays(45);
                }, "dateOfService"),
                fails("DUPLICATE", "97110 already billed on another claim", f -> {
                    Fixture other = new Fixture();
                    other.id = "claim-0";
                    other.lines.subList(0, 1).clear();
                    f.otherClaims.add(other.claim());
                }, "lines[1]"),
                fails("PLACE_OF_SERVICE", "unassigned code", f -> f.placeOfService = "28", "placeOfService"),
                fails("TELEHEALTH", "audio-video at home without 95 (Medicaid requires it)", f -> {
                    f.medicaid();
                    f.telehealth = TelehealthMode.AUDIO_VIDEO;
                    f.placeOfService = "10";
                }, "lines[0].modifiers"),
                fails("TELEHEALTH", "audio-only billed 95", f -> {
                    f.medicaid();
                    f.telehealth = TelehealthMode.AUDIO_ONLY;
                    f.placeOfService = "10";
                    f.lines.forEach(l -> l.modifiers.add("95"));
                }, "lines[0].modifiers"),
                fails("TELEHEALTH", "telehealth session at office place of service", f -> f.telehealth = TelehealthMode.AUDIO_VIDEO, "lines[0].placeOfService"),
                fails("TELEHEALTH", "95 on an in-person session", f -> f.line(1).modifiers.add("95"), "lines[1].modifiers"),
                fails("TELEHEALTH", "a Medicare payer's own telehealth modifier: audio-video without 95", f -> {
                    f.payerSettings = PayerRuleSettings.NONE.withTelehealthModifierRequired(true);
                    f.telehealth = TelehealthMode.AUDIO_VIDEO;
                    f.placeOfService = "10";
                }, "lines[0].modifiers"),
                fails("TELEHEALTH", "a payer's own place of service at home (12) is the telehealth one", f -> {
                    f.payerSettings = PayerRuleSettings.NONE.withTelehealthPlaceOfServiceHome("12");
                    f.telehealth = TelehealthMode.AUDIO_VIDEO;
                    f.placeOfService = "10";
                }, "lines[0].placeOfService"),
                fails("ASSISTANT_RENDERING", "a PTA as rendering provider", f -> f.assistantIds.add("provider-1"),
                        "lines[0].renderingProviderId"),
                fails("COVERAGE_ACTIVE", "coverage ended", f -> f.coverage = new Coverage("coverage-1", "patient-1", "payer-medicare", Fixture.MBI,
                        CoveragePriority.PRIMARY, LocalDate.of(2025, 1, 1), LocalDate.of(2026, 5, 31), Instant.EPOCH, 1), "dateOfService"),
                fails("COVERAGE_ACTIVE", "no coverage", f -> f.coverage = null, "coverageId"),
                fails("CLAIM_FREQUENCY", "replacement without the original", f -> f.frequency = ClaimFrequency.REPLACEMENT, "originalClaimId"),
                fails("CLAIM_FREQUENCY", "void without the original", f -> f.frequency = ClaimFrequency.VOID, "originalClaimId"),
                fails("CLAIM_FREQUENCY", "replacement without the payer's control number of the original", f -> {
                    f.frequency = ClaimFrequency.REPLACEMENT;
                    f.originalClaimId = "claim-0";
                }, "originalReference"));
    }

    static Stream<Case> passing() {
        return Stream.of(
                passes("REFERRING_NPI", "no referring provider", f -> f.referring = null),
                passes("BILLING_TIN", "nine digits without dash", f -> f.billing = new Party("Riverside Therapy", null, "1234567893", "123456789", "225100000X", null)),
                passes("MEDICARE_MBI", "Medicaid member ids are not MBIs", Fixture::medicaid),
                passes("BILLING_ADDRESS", "ZIP+4 written with its dash", f -> f.billing = billingAt(new PostalAddress("1 Main St", "Suite 200", "Springfield", "IL", "62701-1234"))),
                passes("SUBSCRIBER_ADDRESS", "a patient may receive mail at a PO box, ZIP+4 or not", f -> f.address = new PostalAddress("PO Box 9", null, "San Juan", "PR", "00901-2345")),
                passes("ICD10_VALID", "code written with its dot or without", f -> f.diagnoses.set(0, "M5450")),
                passes("ICD10_BILLABLE", "seventh-character extension", f -> f.diagnoses.set(1, "S83.511A")),
                passes("ICD10_DATE", "first day of ICD-10", f -> f.dateOfService = LocalDate.of(2015, 10, 1)),
                passes("ICD10_VALID", "code deleted since, valid in the release of the older date of service", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.diagnoses.set(1, SyntheticIcd.DELETED);
                }),
                passes("ICD10_VALID", "code added by the release in force", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.dateOfService = SyntheticIcd.NEW_DOS;
                    f.today = SyntheticIcd.NEW_DOS.plusDays(5);
                    f.diagnoses.set(1, SyntheticIcd.ADDED);
                }),
                passes("ICD10_BILLABLE", "billable on the older date of service, a header since", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.diagnoses.set(1, SyntheticIcd.TURNED_HEADER);
                }),
                passes("ICD10_CODE_SET_IN_FORCE", "a release in force on the date of service is loaded", f -> {
                    f.codeSets = f.codeSets.withIcd10cm(SyntheticIcd.RELEASES);
                    f.dateOfService = SyntheticIcd.NEW_DOS;
                    f.today = SyntheticIcd.NEW_DOS.plusDays(5);
                }),
                passes("KX_MODIFIER", "threshold crossed, KX on the PT lines", f -> {
                    f.yearToDate = new TherapyYearToDate(2026, new BigDecimal("2400.00"), BigDecimal.ZERO);
                    f.lines.forEach(l -> l.modifiers.add("KX"));
                }),
                passes("KX_MODIFIER", "year-to-date of another year", f -> {
                    f.yearToDate = new TherapyYearToDate(2025, new BigDecimal("2400.00"), BigDecimal.ZERO);
                }),
                passes("KX_MODIFIER", "year without threshold: not checked (KX_THRESHOLD says so)", f -> {
                    f.kxThresholds = KxThresholds.of(List.of());
                    f.line(1).modifiers.add("KX");
                }),
                passes("KX_THRESHOLD", "no KX for a commercial payer", f -> {
                    f.commercial();
                    f.kxThresholds = KxThresholds.of(List.of());
                }),
                passes("KX_MODIFIER", "year-to-date unknown", f -> {
                    f.yearToDate = null;
                    f.line(1).modifiers.add("KX");
                }),
                passes("KX_MODIFIER", "OT pool separate: PT over, OT line below without KX", f -> {
                    f.yearToDate = new TherapyYearToDate(2026, new BigDecimal("2400.00"), BigDecimal.ZERO);
                    f.lines.forEach(l -> l.modifiers.add("KX"));
                    f.lines.add(new Fixture.Line("97535", 0, 0, "10.00", List.of(1), "GO"));
                }),
                passes("ASSISTANT_MODIFIER", "CQ with GP", f -> f.line(1).modifiers.add("CQ")),
                passes("NCCI_PTP", "97140 marked XS", f -> f.line(2).modifiers = new ArrayList<>(List.of("GP", "XS"))),
                passes("NCCI_PTP", "withdrawn 2020 hard edit: 97530 with the evaluation", f -> f.line(1).code = "97530"),
                passes("NCCI_PTP", "indicator 9: not applicable", f -> f.codeSets = withPtp(f.codeSets,
                        new PtpEdit("97161", "97110", LocalDate.of(2020, 1, 1), null, 9, "Misuse of column two code with column one code"))),
                passes("MUE_UNITS", "97035 at its 2 a day", f -> f.lines.add(new Fixture.Line("97035", 2, 30, "30.00", List.of(1), "GP"))),
                passes("UNITS_MINUTES", "8-minute rule tie: 30 + 10 + 10 minutes, the third unit to either 10", f -> {
                    f.line(1).minutes = 30;
                    f.line(2).minutes = 10;
                    f.line(2).units = 0;
                    f.lines.add(new Fixture.Line("97530", 1, 10, "40.00", List.of(1), "GP"));
                }),
                passes("UNITS_MINUTES", "per code (commercial): 38 minutes of 97110 make 3", f -> {
                    f.commercial();
                    f.line(1).minutes = 38;
                    f.line(1).units = 3;
                    f.line(2).minutes = 8;
                }),
                passes("AUTH_NUMBER", "Medicaid claim with its authorization", Fixture::medicaid),
                passes("AUTH_WINDOW", "Medicaid claim inside the window", Fixture::medicaid),
                passes("AUTH_UNITS", "4 units needed, 4 left", f -> {
                    f.medicaid();
                    f.authorizations.set(0, Fixture.authorization("PA-100", UnitType.UNITS, 20, 16, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31)));
                }),
                passes("AUTH_NUMBER", "commercial: the evaluation needs none", f -> {
                    f.commercial();
                    f.authorizationNumber = null;
                    f.lines.subList(1, 3).clear();
                }),
                passes("TIMELY_FILING", "Medicare: 365 days", f -> f.today = Fixture.DOS.plusDays(365)),
                passes("TIMELY_FILING", "a commercial payer's own 180 days: 100 days", f -> {
                    f.commercial();
                    f.payerSettings = PayerRuleSettings.NONE.withTimelyFilingDays(180);
                    f.today = Fixture.DOS.plusDays(100);
                }),
                passes("AUTH_NUMBER", "a commercial payer that lifts authorization", f -> {
                    f.commercial();
                    f.payerSettings = PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.none());
                    f.authorizationNumber = null;
                }),
                passes("UNITS_MINUTES", "a Medicare payer's own per-code rounding: 33 + 8 minutes make 2 + 1", f -> {
                    f.payerSettings = PayerRuleSettings.NONE.withUnitRounding(UnitRounding.PER_CODE);
                    f.line(2).minutes = 8;
                }),
                passes("TELEHEALTH", "a commercial payer that wants no telehealth modifier", f -> {
                    f.commercial();
                    f.payerSettings = PayerRuleSettings.NONE.withTelehealthModifierRequired(false);
                    f.telehealth = TelehealthMode.AUDIO_VIDEO;
                    f.placeOfService = "10";
                }),
                passes("ASSISTANT_RENDERING", "an assistant's line billed under the supervisor", f -> f.assistantIds.add("pta-1")),
                passes("DUPLICATE", "the original a replacement replaces", f -> {
                    Fixture other = new Fixture();
                    other.id = "claim-0";
                    f.otherClaims.add(other.claim());
                    f.frequency = ClaimFrequency.REPLACEMENT;
                    f.originalClaimId = "claim-0";
                    f.originalReference = "ICN20261201000123";
                }),
                passes("DUPLICATE", "same code, different amount", f -> {
                    Fixture other = new Fixture();
                    other.id = "claim-0";
                    other.lines.forEach(l -> l.amount = l.amount.add(BigDecimal.ONE));
                    f.otherClaims.add(other.claim());
                }),
                passes("TELEHEALTH", "Medicaid audio-video at home with 95", f -> {
                    f.medicaid();
                    f.telehealth = TelehealthMode.AUDIO_VIDEO;
                    f.placeOfService = "10";
                    f.lines.forEach(l -> l.modifiers.add("95"));
                }),
                passes("TELEHEALTH", "Medicare audio-video at home needs no modifier", f -> {
                    f.telehealth = TelehealthMode.AUDIO_VIDEO;
                    f.placeOfService = "10";
                }),
                passes("CLAIM_FREQUENCY", "replacement naming its original and the payer's control number of it", f -> {
                    f.frequency = ClaimFrequency.REPLACEMENT;
                    f.originalClaimId = "claim-0";
                    f.originalReference = "ICN20261201000123";
                }));
    }

    /**
     * Two synthetic releases (not ICD-10-CM data): an "older" one in force to 2026-09-30 and a "newer" one from
     * 2026-10-01 to 2027-09-30 that deletes one code, adds one and turns one billable code into a header.
     */
    static final class SyntheticIcd {
        static final String DELETED = "R29.990";
        static final String ADDED = "R29.991";
        static final String TURNED_HEADER = "R29.992";
        static final LocalDate NEW_DOS = LocalDate.of(2026, 12, 3);
        static final DatedReleases<IcdCodeSet> RELEASES = DatedReleases.of(List.of(
                DatedReleases.Release.of("SYNTHETIC-OLD", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30), "synthetic",
                        new IcdCodeSet("SYNTHETIC-OLD", LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30), Map.of(
                                "M5450", true, "M6281", true, "R29990", true, "R29992", true, "M545", false))),
                DatedReleases.Release.of("SYNTHETIC-NEW", LocalDate.of(2026, 10, 1), LocalDate.of(2027, 9, 30), "synthetic",
                        new IcdCodeSet("SYNTHETIC-NEW", LocalDate.of(2026, 10, 1), LocalDate.of(2027, 9, 30), Map.of(
                                "M5450", true, "M6281", true, "R29991", true, "R29992", false, "R299920", true, "M545", false)))));
    }

    static Party billingAt(PostalAddress address) {
        return new Party("Riverside Therapy", null, "1234567893", "12-3456789", "225100000X", address);
    }

    @Test
    void thereAreAtLeast25RulesWithDistinctIds() {
        assertThat(RULES).hasSizeGreaterThanOrEqualTo(25).hasSize(ScrubRules.all().size());
    }

    @Test
    void everyRuleHasAFailingCaseAndPassesTheCleanClaim() {
        assertThat(failing().map(Case::ruleId).collect(Collectors.toSet())).isEqualTo(RULES.keySet());
        Fixture clean = new Fixture();
        for (ScrubRule rule : ScrubRules.all()) {
            assertThat(rule.check(clean.claim(), clean.context())).as(rule.id()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void ruleFails(Case c) {
        Fixture f = new Fixture();
        c.setup().accept(f);
        List<Violation> found = RULES.get(c.ruleId()).check(f.claim(), f.context());
        assertThat(found).extracting(Violation::field).contains(c.field());
        assertThat(found).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passing")
    void rulePasses(Case c) {
        Fixture f = new Fixture();
        c.setup().accept(f);
        assertThat(RULES.get(c.ruleId()).check(f.claim(), f.context())).isEmpty();
    }

    @Test
    void everyRuleHasAFixHint() {
        assertThat(ScrubRules.all()).allSatisfy(r -> assertThat(r.fixHint()).isNotBlank());
    }

    private static Party party(Party p, String npi) {
        return new Party(p.lastNameOrOrganization(), p.firstName(), npi, p.taxId(), p.taxonomy(), p.address());
    }

    private static CodeSets withPtp(CodeSets c, PtpEdit edit) {
        return c.withPtpEdits(new NcciEdits(List.of(edit)));
    }

    private static CodeSets withMue(CodeSets c, MueTable.Limit limit) {
        return c.withMue(new MueTable(List.of(limit)));
    }
}
