package org.therapyops.dynamodb;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.Provider;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitRounding;
import org.therapyops.domain.UnitType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemMapperTest {

    private static final String PRACTICE = "practice-42";
    private static final Instant CREATED = Instant.parse("2026-11-20T14:05:09Z");
    private static final Instant DECIDED = Instant.parse("2026-11-20T14:05:11.482Z");

    @Nested
    class PracticeRecords {

        @Test
        void aPatientRoundTrips() {
            Patient patient = new Patient("pat-7", "Ana", "Morales", LocalDate.of(1984, 5, 17), "F", CREATED, 3);

            assertThat(ItemMapper.patient(ItemMapper.patient(PRACTICE, patient))).isEqualTo(patient);
        }

        @Test
        void aPatientWithoutRecordedSexRoundTrips() {
            Patient patient = new Patient("pat-8", "Sam", "Okafor", LocalDate.of(2019, 2, 28), null, CREATED, 1);

            assertThat(ItemMapper.patient(ItemMapper.patient(PRACTICE, patient))).isEqualTo(patient);
        }

        @Test
        void aPatientWithAnAddressRoundTrips() {
            Patient patient = new Patient("pat-9", "Ana", "Morales", LocalDate.of(1984, 5, 17), "F",
                    new PostalAddress("12 Elm Ave", "Apt 3", "Springfield", "IL", "627041234"), CREATED, 2);

            assertThat(ItemMapper.patient(ItemMapper.patient(PRACTICE, patient))).isEqualTo(patient);
        }

        @Test
        void aBillingProfileRoundTripsWithAndWithoutASubmitter() {
            BillingProfile profile = new BillingProfile("Riverside Therapy Group", "1245319599", "123456789", "261QR0400X",
                    new PostalAddress("100 River Rd", null, "Springfield", "IL", "627011234"),
                    new BillingProfile.Submitter("RTG01", "Billing Office", null, "billing@riverside.example"), 4);
            BillingProfile bare = new BillingProfile("Riverside Therapy Group", "1245319599", "123456789", "261QR0400X",
                    profile.address(), null, 1);

            assertThat(ItemMapper.billingProfile(ItemMapper.billingProfile(PRACTICE, profile))).isEqualTo(profile);
            assertThat(ItemMapper.billingProfile(ItemMapper.billingProfile(PRACTICE, bare))).isEqualTo(bare);
        }

        @Test
        void aPayerRoundTrips() {
            Payer payer = new Payer("payer-1", "Blue Cross Blue Shield of Texas", "84980", PayerType.COMMERCIAL, CREATED, 2);

            assertThat(ItemMapper.payer(ItemMapper.payer(PRACTICE, payer))).isEqualTo(payer);
        }

        @Test
        void aPayersRuleVersionsRoundTripWithWhatWasNotSetStillUnset() {
            Payer payer = new Payer("payer-1", "Acme", "ACME1", PayerType.COMMERCIAL, CREATED, 2)
                    .withRules(PayerRuleSettings.NONE.withTelehealthPlaceOfServiceHome("12").withTelehealthPlaceOfServiceOther("02"),
                            null, CREATED, "biller-1")
                    .withRules(new PayerRuleSettings(PriorAuthorization.listed(Set.of("97110", "97530")), UnitRounding.CMS_8_MINUTE,
                            180, null, null, false), LocalDate.of(2026, 12, 6), CREATED, null)
                    .withRules(PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.none()).withTelehealthModifierRequired(true),
                            LocalDate.of(2027, 1, 1), CREATED, "biller-2");

            Payer read = ItemMapper.payer(ItemMapper.payer(PRACTICE, payer));

            assertThat(read).isEqualTo(payer);
            assertThat(read.settingsOn(LocalDate.of(2026, 1, 1)).telehealthModifierRequired()).isNull();
        }

        @Test
        void aProviderRoundTrips() {
            Provider provider = new Provider("prov-3", "1234567893", "Jordan", "Lee", Discipline.SLP, CREATED, 1);

            assertThat(ItemMapper.provider(ItemMapper.provider(PRACTICE, provider))).isEqualTo(provider);
        }

        @Test
        void aCoverageWithAnEndDateRoundTrips() {
            Coverage coverage = new Coverage("cov-1", "pat-7", "payer-1", "XJH123456789", CoveragePriority.SECONDARY,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), CREATED, 4);

            assertThat(ItemMapper.coverage(ItemMapper.coverage(PRACTICE, coverage))).isEqualTo(coverage);
        }

        @Test
        void anOpenEndedCoverageRoundTripsWithoutAnEndDate() {
            Coverage coverage = new Coverage("cov-2", "pat-7", "payer-1", "XJH123456789", CoveragePriority.PRIMARY,
                    LocalDate.of(2026, 3, 1), null, CREATED, 1);

            Map<String, AttributeValue> item = ItemMapper.coverage(PRACTICE, coverage);

            assertThat(item).doesNotContainKey("effectiveTo");
            assertThat(ItemMapper.coverage(item)).isEqualTo(coverage);
        }

        @Test
        void anAuthorizationRoundTripsWithItsCounters() {
            Authorization authorization = authorization(Discipline.PT);

            assertThat(ItemMapper.authorization(ItemMapper.authorization(PRACTICE, authorization))).isEqualTo(authorization);
        }

        @Test
        void anAuthorizationWithoutDisciplineRoundTrips() {
            Authorization authorization = authorization(null);

            assertThat(ItemMapper.authorization(ItemMapper.authorization(PRACTICE, authorization))).isEqualTo(authorization);
        }

        @Test
        void anAuthorizationItemCarriesWhatRemainsForTheConditionalReservation() {
            // 24 authorized - 10 rendered - 6 scheduled
            Map<String, AttributeValue> item = ItemMapper.authorization(PRACTICE, authorization(Discipline.PT));

            assertThat(item.get("remaining")).isEqualTo(AttributeValue.fromN("8"));
            assertThat(item.get("authorized")).isEqualTo(AttributeValue.fromN("24"));
            assertThat(item.get("rendered")).isEqualTo(AttributeValue.fromN("10"));
            assertThat(item.get("scheduled")).isEqualTo(AttributeValue.fromN("6"));
        }

        @Test
        void coveragesAndAuthorizationsSortUnderTheirPatientInThePracticePartition() {
            Map<String, AttributeValue> coverage = ItemMapper.coverage(PRACTICE, new Coverage("cov-1", "pat-7", "payer-1",
                    "M-1", CoveragePriority.PRIMARY, LocalDate.of(2026, 1, 1), null, CREATED, 1));
            Map<String, AttributeValue> authorization = ItemMapper.authorization(PRACTICE, authorization(Discipline.PT));

            assertThat(ItemMapper.practiceOf(coverage)).isEqualTo(PRACTICE);
            assertThat(ItemMapper.practiceOf(authorization)).isEqualTo(PRACTICE);
            assertThat(coverage.get("sk").s()).isEqualTo("PATIENT#pat-7#COVERAGE#cov-1");
            assertThat(authorization.get("sk").s()).isEqualTo("PATIENT#pat-7#AUTHORIZATION#auth-1");
        }

        private Authorization authorization(Discipline discipline) {
            return new Authorization("auth-1", "pat-7", "cov-1", "BCBS-PA-2026-0042", Set.of("97110", "97530", "97140"),
                    UnitType.UNITS, 24, 6, 10, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31), discipline, CREATED, 5);
        }
    }

    @Nested
    class Appointments {

        @Test
        void aRequestedAppointmentRoundTrips() {
            Appointment requested = requested();

            assertThat(ItemMapper.appointment(ItemMapper.appointment(PRACTICE, requested))).isEqualTo(requested);
        }

        @Test
        void anAppointmentItemBelongsToItsPractice() {
            Map<String, AttributeValue> item = ItemMapper.appointment(PRACTICE, requested());

            assertThat(ItemMapper.practiceOf(item)).isEqualTo(PRACTICE);
            assertThat(item.get("sk").s()).isEqualTo("APPOINTMENT#appt-1001");
        }
        @Test
        void aRefusedAppointmentRoundTripsWithItsReasons() {
            Appointment refused = withDecision(requested(), AppointmentStatus.NEEDS_AUTH,
                    new Appointment.Decision(null, 0, List.of(shortfall(), noCoverage()), List.of(), null, DECIDED, null));

            assertThat(ItemMapper.appointment(ItemMapper.appointment(PRACTICE, refused))).isEqualTo(refused);
        }

        @Test
        void aScheduledAppointmentReadsBackItsReservation() {
            // the attributes the reservation transaction sets on the requested item
            Map<String, AttributeValue> item = new HashMap<>(ItemMapper.appointment(PRACTICE, requested()));
            item.put("status", AttributeValue.fromS("SCHEDULED"));
            item.put("authorizationId", AttributeValue.fromS("auth-1"));
            item.put("reservedUnits", AttributeValue.fromN("3"));
            item.put("explanation", AttributeValue.fromS("Reserved 3 units of authorization BCBS-PA-2026-0042."));
            item.put("decidedAt", AttributeValue.fromS(DECIDED.toString()));
            item.put("version", AttributeValue.fromN("2"));

            Appointment scheduled = ItemMapper.appointment(item);

            assertThat(scheduled.status()).isEqualTo(AppointmentStatus.SCHEDULED);
            assertThat(scheduled.version()).isEqualTo(2);
            assertThat(scheduled.decision()).isEqualTo(new Appointment.Decision("auth-1", 3, List.of(), List.of(),
                    "Reserved 3 units of authorization BCBS-PA-2026-0042.", DECIDED, null));
        }

        @Test
        void aRefusedAppointmentReadsBackItsReasonsInOrder() {
            // the attributes the refusal update sets on the requested item
            List<Reason> reasons = List.of(shortfall(), noCoverage());
            Map<String, AttributeValue> item = new HashMap<>(ItemMapper.appointment(PRACTICE, requested()));
            item.put("status", AttributeValue.fromS("NEEDS_AUTH"));
            item.put("reasons", AttributeValue.fromL(ItemMapper.reasons(reasons)));
            item.put("decidedAt", AttributeValue.fromS(DECIDED.toString()));

            Appointment refused = ItemMapper.appointment(item);

            assertThat(refused.status()).isEqualTo(AppointmentStatus.NEEDS_AUTH);
            assertThat(refused.decision()).isEqualTo(new Appointment.Decision(null, 0, reasons, List.of(), null, DECIDED, null));
        }

        @Test
        void aReasonRoundTripsWithItsDetails() {
            Reason reason = shortfall();

            assertThat(ItemMapper.reason(ItemMapper.reason(reason))).isEqualTo(reason);
        }

        @Test
        void aReasonWithoutDetailsRoundTrips() {
            Reason reason = new Reason(ReasonCode.NO_AUTHORIZATION_FOR_CODE, "No authorization covers 92507.", Map.of());

            assertThat(ItemMapper.reason(ItemMapper.reason(reason))).isEqualTo(reason);
        }

        @Test
        void aTwentyFourHourSessionIsStillReadable() {
            Map<String, AttributeValue> item = new HashMap<>(ItemMapper.appointment(PRACTICE, requested()));
            item.put("durationMinutes", AttributeValue.fromN("1440"));

            assertThat(ItemMapper.appointment(item).durationMinutes()).isEqualTo(1440);
        }

        static Stream<Arguments> malformedAppointments() {
            return Stream.of(
                    Arguments.of("status missing", "status", null),
                    Arguments.of("status an unknown word", "status", AttributeValue.fromS("CANCELLED_BY_PATIENT")),
                    Arguments.of("status in lower case", "status", AttributeValue.fromS("requested")),
                    Arguments.of("status a number", "status", AttributeValue.fromN("1")),
                    Arguments.of("durationMinutes \"abc\"", "durationMinutes", AttributeValue.fromN("abc")),
                    Arguments.of("durationMinutes 0", "durationMinutes", AttributeValue.fromN("0")),
                    Arguments.of("durationMinutes negative", "durationMinutes", AttributeValue.fromN("-30")),
                    Arguments.of("durationMinutes 1441", "durationMinutes", AttributeValue.fromN("1441")),
                    Arguments.of("durationMinutes 100000", "durationMinutes", AttributeValue.fromN("100000")),
                    Arguments.of("durationMinutes fractional", "durationMinutes", AttributeValue.fromN("45.5")),
                    Arguments.of("durationMinutes a string", "durationMinutes", AttributeValue.fromS("45")),
                    Arguments.of("durationMinutes missing", "durationMinutes", null),
                    Arguments.of("start \"not-a-date\"", "start", AttributeValue.fromS("not-a-date")),
                    Arguments.of("start a date without time", "start", AttributeValue.fromS("2026-12-03")),
                    Arguments.of("start missing", "start", null),
                    Arguments.of("id missing", "id", null),
                    Arguments.of("createdAt unreadable", "createdAt", AttributeValue.fromS("yesterday")),
                    Arguments.of("version missing", "version", null),
                    Arguments.of("decidedAt unreadable", "decidedAt", AttributeValue.fromS("just now")),
                    Arguments.of("reservedUnits not a number", "reservedUnits", AttributeValue.fromS("three")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("malformedAppointments")
        void anUnreadableAppointmentIsMalformed(String description, String attribute, AttributeValue value) {
            Map<String, AttributeValue> item = new HashMap<>(ItemMapper.appointment(PRACTICE, requested()));
            if (attribute.equals("reservedUnits")) {
                item.put("decidedAt", AttributeValue.fromS(DECIDED.toString()));
            }
            if (value == null) {
                item.remove(attribute);
            } else {
                item.put(attribute, value);
            }

            assertThatThrownBy(() -> ItemMapper.appointment(item)).isExactlyInstanceOf(MalformedItemException.class);
        }

        @Test
        void aReasonWithAnUnknownCodeIsMalformed() {
            Map<String, AttributeValue> item = new HashMap<>(ItemMapper.appointment(PRACTICE, requested()));
            item.put("decidedAt", AttributeValue.fromS(DECIDED.toString()));
            item.put("reasons", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                    "code", AttributeValue.fromS("PAYER_ON_FIRE"), "message", AttributeValue.fromS("?"))))));

            assertThatThrownBy(() -> ItemMapper.appointment(item)).isExactlyInstanceOf(MalformedItemException.class);
        }
        @Test
        void aReasonDetailThatIsNotAStringIsMalformed() {
            Map<String, AttributeValue> item = new HashMap<>(ItemMapper.appointment(PRACTICE, requested()));
            item.put("decidedAt", AttributeValue.fromS(DECIDED.toString()));
            item.put("reasons", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                    "code", AttributeValue.fromS("INSUFFICIENT_UNITS"),
                    "message", AttributeValue.fromS("Authorization BCBS-PA-2026-0042 has 2 units left; the session needs 3."),
                    "details", AttributeValue.fromM(Map.of("needed", AttributeValue.fromN("3"))))))));

            assertThatThrownBy(() -> ItemMapper.appointment(item)).isExactlyInstanceOf(MalformedItemException.class);
        }

        private Appointment requested() {
            return new Appointment("appt-1001", "pat-7", "prov-3", "97110", LocalDateTime.of(2026, 12, 3, 10, 0), 45,
                    AppointmentStatus.REQUESTED, null, null, CREATED, "staff-9", 1);
        }

        private Appointment withDecision(Appointment a, AppointmentStatus status, Appointment.Decision decision) {
            return new Appointment(a.id(), a.patientId(), a.providerId(), a.serviceCode(), a.start(), a.durationMinutes(),
                    status, decision, a.seriesId(), a.createdAt(), a.createdBy(), a.version());
        }

        private Reason shortfall() {
            return new Reason(ReasonCode.INSUFFICIENT_UNITS,
                    "Authorization BCBS-PA-2026-0042 has 2 units left; the session needs 3.",
                    Map.of("authorizationId", "auth-1", "needed", "3", "remaining", "2"));
        }

        private Reason noCoverage() {
            return new Reason(ReasonCode.NO_COVERAGE_ON_DATE, "No coverage of the patient is in force on 2026-12-03.",
                    Map.of("dateOfService", "2026-12-03"));
        }
    }
}
