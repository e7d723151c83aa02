package org.therapyops.domain.authorization;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitType;
import org.therapyops.domain.authorization.AuthorizationDecision.Refuse;
import org.therapyops.domain.authorization.AuthorizationDecision.Reserve;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapyops.domain.CoveragePriority.PRIMARY;
import static org.therapyops.domain.CoveragePriority.SECONDARY;
import static org.therapyops.domain.UnitType.HOURS;
import static org.therapyops.domain.UnitType.UNITS;
import static org.therapyops.domain.UnitType.VISITS;

class AuthorizationCheckTest {

    private static final String PATIENT = "pat-1";
    private static final String EXERCISE = "97110";
    private static final String SPEECH = "92507";
    private static final LocalDate DOS = LocalDate.of(2026, 12, 3);
    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);
    private static final Instant CREATED = Instant.parse("2026-11-01T08:00:00Z");
    /** No payer's rules known: every service is taken to need authorization (the payer's rules are tested apart). */
    private static final org.therapyops.payer.PayerRulesLookup NO_PAYER_RULES = (payerId, date) -> java.util.Optional.empty();

    @Nested
    class ReasonCodes {

        @Test
        void refusesWithNoCoverageOnDateWhenNoCoverageIsInForce() {
            Coverage ended = coverage("cov-1", PRIMARY, JAN_1, DOS.minusDays(1));

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(ended),
                    List.of(auth("auth-1", "cov-1").build()));

            Reason reason = singleReason(decision);
            assertThat(reason.code()).isEqualTo(ReasonCode.NO_COVERAGE_ON_DATE);
            assertThat(reason.details()).isEqualTo(Map.of("dateOfService", "2026-12-03"));
            assertThat(reason.message()).contains("2026-12-03");
        }

        @Test
        void refusesWithNoCoverageOnDateWhenThePatientHasNoCoverageAtAll() {
            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(), List.of()));

            assertThat(reason.code()).isEqualTo(ReasonCode.NO_COVERAGE_ON_DATE);
        }

        @Test
        void refusesWithNoAuthorizationForCodeWhenOnlyOtherCodesAreAuthorized() {
            AuthorizationDecision decision = decide(session(DOS, SPEECH, 45), List.of(primaryAllYear()),
                    List.of(auth("auth-1", "cov-1").codes(EXERCISE, "97530").build()));

            Reason reason = singleReason(decision);
            assertThat(reason.code()).isEqualTo(ReasonCode.NO_AUTHORIZATION_FOR_CODE);
            assertThat(reason.details()).isEqualTo(Map.of("serviceCode", SPEECH, "dateOfService", "2026-12-03"));
            assertThat(reason.message()).contains(SPEECH);
        }

        @Test
        void refusesWithNoAuthorizationForCodeWhenThePatientHasNoAuthorization() {
            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of()));

            assertThat(reason.code()).isEqualTo(ReasonCode.NO_AUTHORIZATION_FOR_CODE);
        }

        @Test
        void refusesWithDateOutsideWindowNamingTheAuthorizationWithTheNearestWindow() {
            Authorization expiredLongAgo = auth("auth-old", "cov-1").window(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30)).build();
            Authorization expiredLastWeek = auth("auth-fall", "cov-1").window(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 26)).build();
            Authorization startsNextYear = auth("auth-next", "cov-1").window(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()),
                    List.of(expiredLongAgo, expiredLastWeek, startsNextYear)));

            assertThat(reason.code()).isEqualTo(ReasonCode.DATE_OUTSIDE_WINDOW);
            assertThat(reason.details()).isEqualTo(Map.of("authorizationId", "auth-fall", "dateOfService", "2026-12-03",
                    "startDate", "2026-09-01", "endDate", "2026-11-26"));
            assertThat(reason.message()).contains("2026-12-03", "2026-09-01", "2026-11-26");
        }

        @Test
        void refusesWithInsufficientUnitsStatingNeededAndRemaining() {
            // 45 minutes = 3 units; 20 authorized - 12 rendered - 6 scheduled = 2 left
            Authorization nearlyUsedUp = auth("auth-1", "cov-1").number("BCBS-7781").units(UNITS, 20, 12, 6).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(nearlyUsedUp)));

            assertThat(reason.code()).isEqualTo(ReasonCode.INSUFFICIENT_UNITS);
            assertThat(reason.details()).isEqualTo(Map.of("authorizationId", "auth-1", "needed", "3", "remaining", "2"));
            assertThat(reason.message()).isEqualTo("Authorization BCBS-7781 has 2 units left; the session needs 3.");
        }

        @Test
        void statesAnHoursShortfallInHoursWhileTheDetailsStayInQuarterHours() {
            // 45 minutes = 3 quarter hours; 8 - 6 = 2 quarter hours = 0.5 hours left
            Authorization hours = auth("auth-h", "cov-1").number("AET-H-12").units(HOURS, 8, 6, 0).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(hours)));

            assertThat(reason.message()).isEqualTo("Authorization AET-H-12 has 0.5 hours left; the session needs 0.75.");
            assertThat(reason.details()).containsEntry("needed", "3").containsEntry("remaining", "2");
        }

        @Test
        void aRenderedOverrunIsReportedAsZeroRemainingInTheDetails() {
            Authorization overrun = auth("auth-1", "cov-1").units(VISITS, 10, 12, 0).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(overrun)));

            assertThat(reason.details()).containsEntry("remaining", "0");
        }

        @Test
        void aRenderedOverrunIsToldToStaffAsNothingLeft() {
            Authorization overrun = auth("auth-1", "cov-1").number("UHC-55").units(VISITS, 10, 12, 0).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(overrun)));

            assertThat(reason.message()).isEqualTo("Authorization UHC-55 has 0 visits left; the session needs 1.");
        }
    }

    @Nested
    class AuthorizationDateWindow {

        private final Authorization octoberToDecember = auth("auth-1", "cov-1")
                .window(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)).build();

        @ParameterizedTest(name = "{0} is inside the window")
        @ValueSource(strings = {"2026-10-01", "2026-12-31"})
        void reservesOnTheFirstAndLastDayOfTheWindow(LocalDate date) {
            AuthorizationDecision decision = decide(session(date, EXERCISE, 45), List.of(coverageOpenEnded()), List.of(octoberToDecember));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r -> {
                assertThat(r.authorizationId()).isEqualTo("auth-1");
                assertThat(r.units()).isEqualTo(3);
            });
        }

        @ParameterizedTest(name = "{0} is outside the window")
        @ValueSource(strings = {"2026-09-30", "2027-01-01"})
        void refusesTheDayBeforeStartAndTheDayAfterEnd(LocalDate date) {
            Reason reason = singleReason(decide(session(date, EXERCISE, 45), List.of(coverageOpenEnded()), List.of(octoberToDecember)));

            assertThat(reason.code()).isEqualTo(ReasonCode.DATE_OUTSIDE_WINDOW);
            assertThat(reason.details()).containsEntry("dateOfService", date.toString());
        }

        private Coverage coverageOpenEnded() {
            return coverage("cov-1", PRIMARY, JAN_1, null);
        }
    }

    @Nested
    class CoverageWindow {

        private final Authorization wholeYears = auth("auth-1", "cov-1")
                .window(LocalDate.of(2025, 1, 1), LocalDate.of(2030, 12, 31)).build();

        @ParameterizedTest(name = "session on {0}")
        @ValueSource(strings = {"2026-03-01", "2026-08-31"})
        void reservesOnEffectiveFromAndOnEffectiveTo(LocalDate date) {
            Coverage coverage = coverage("cov-1", PRIMARY, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 8, 31));

            AuthorizationDecision decision = decide(session(date, EXERCISE, 30), List.of(coverage), List.of(wholeYears));

            assertThat(decision).isInstanceOf(Reserve.class);
        }

        @ParameterizedTest(name = "session on {0}")
        @ValueSource(strings = {"2026-02-28", "2026-09-01"})
        void refusesTheDayBeforeEffectiveFromAndTheDayAfterEffectiveTo(LocalDate date) {
            Coverage coverage = coverage("cov-1", PRIMARY, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 8, 31));

            Reason reason = singleReason(decide(session(date, EXERCISE, 30), List.of(coverage), List.of(wholeYears)));

            assertThat(reason.code()).isEqualTo(ReasonCode.NO_COVERAGE_ON_DATE);
        }

        @Test
        void anOpenEndedCoverageIsInForceYearsLater() {
            Coverage openEnded = coverage("cov-1", PRIMARY, LocalDate.of(2026, 3, 1), null);

            AuthorizationDecision decision = decide(session(LocalDate.of(2029, 7, 4), EXERCISE, 30), List.of(openEnded), List.of(wholeYears));

            assertThat(decision).isInstanceOf(Reserve.class);
        }

        @Test
        void anAuthorizationOnAnInactiveCoverageDoesNotCount() {
            Coverage lapsedPrimary = coverage("cov-old", PRIMARY, JAN_1, DOS.minusDays(1));
            Coverage currentSecondary = coverage("cov-new", SECONDARY, DOS, null);
            Authorization onLapsed = auth("auth-1", "cov-old").window(JAN_1, DEC_31).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 30), List.of(lapsedPrimary, currentSecondary), List.of(onLapsed)));

            assertThat(reason.code()).isEqualTo(ReasonCode.NO_AUTHORIZATION_FOR_CODE);
        }

        @Test
        void anAuthorizationOnACoverageNotAmongThePatientsDoesNotCount() {
            Authorization orphan = auth("auth-1", "cov-unknown").build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 30), List.of(primaryAllYear()), List.of(orphan)));

            assertThat(reason.code()).isEqualTo(ReasonCode.NO_AUTHORIZATION_FOR_CODE);
        }
    }

    @Nested
    class Units {

        @Test
        void reservesWhenRemainingEqualsWhatTheSessionNeeds() {
            Authorization exactlyThreeLeft = auth("auth-1", "cov-1").units(UNITS, 20, 10, 7).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(exactlyThreeLeft));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r -> {
                assertThat(r.authorizationId()).isEqualTo("auth-1");
                assertThat(r.units()).isEqualTo(3);
            });
        }

        @Test
        void refusesWhenOneUnitShort() {
            Authorization twoLeft = auth("auth-1", "cov-1").units(UNITS, 20, 10, 8).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(twoLeft)));

            assertThat(reason.code()).isEqualTo(ReasonCode.INSUFFICIENT_UNITS);
            assertThat(reason.details()).containsEntry("needed", "3").containsEntry("remaining", "2");
        }

        @Test
        void refusesEvenAVisitWhenNothingIsLeft() {
            Authorization usedUp = auth("auth-1", "cov-1").units(VISITS, 12, 9, 3).build();

            Reason reason = singleReason(decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(usedUp)));

            assertThat(reason.code()).isEqualTo(ReasonCode.INSUFFICIENT_UNITS);
            assertThat(reason.details()).containsEntry("needed", "1").containsEntry("remaining", "0");
        }

        @ParameterizedTest(name = "{0} minutes against a {1} authorization reserve {2}")
        @CsvSource({"45, UNITS, 3", "45, HOURS, 3", "45, VISITS, 1", "60, HOURS, 4", "7, UNITS, 1"})
        void reservesWhatTheSessionLengthNeedsInTheAuthorizationsUnit(int minutes, UnitType type, long expected) {
            Authorization plenty = auth("auth-1", "cov-1").units(type, 100, 0, 0).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, minutes), List.of(primaryAllYear()), List.of(plenty));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r -> assertThat(r.units()).isEqualTo(expected));
        }
    }

    @Nested
    class ChoiceAmongValidAuthorizations {

        private final Coverage primary = coverage("cov-p", PRIMARY, JAN_1, null);
        private final Coverage secondary = coverage("cov-s", SECONDARY, JAN_1, null);

        @Test
        void primaryCoverageIsUsedBeforeSecondaryEvenWhenTheSecondaryEndsFirst() {
            Authorization onSecondary = auth("auth-a", "cov-s").window(JAN_1, LocalDate.of(2026, 12, 15)).build();
            Authorization onPrimary = auth("auth-b", "cov-p").window(JAN_1, DEC_31).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primary, secondary), List.of(onSecondary, onPrimary));

            assertThat(chosen(decision)).isEqualTo("auth-b");
        }

        @Test
        void amongOneCoverageTheAuthorizationEndingFirstIsUsed() {
            Authorization endsLater = auth("auth-a", "cov-p").window(JAN_1, DEC_31).build();
            Authorization endsSooner = auth("auth-b", "cov-p").window(JAN_1, LocalDate.of(2026, 12, 20)).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primary), List.of(endsLater, endsSooner));

            assertThat(chosen(decision)).isEqualTo("auth-b");
        }

        @Test
        void withTheSameEndDateTheLowestIdIsUsed() {
            Authorization second = auth("auth-2", "cov-p").window(JAN_1, DEC_31).build();
            Authorization first = auth("auth-1", "cov-p").window(LocalDate.of(2026, 6, 1), DEC_31).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primary), List.of(second, first));

            assertThat(chosen(decision)).isEqualTo("auth-1");
        }

        @Test
        void whenThePreferredAuthorizationLacksUnitsTheNextOneWithUnitsIsUsed() {
            Authorization preferredButShort = auth("auth-a", "cov-p").window(JAN_1, LocalDate.of(2026, 12, 10)).units(UNITS, 20, 18, 0).build();
            Authorization nextAlsoShort = auth("auth-b", "cov-p").window(JAN_1, DEC_31).units(UNITS, 20, 20, 0).build();
            Authorization secondaryWithUnits = auth("auth-c", "cov-s").window(JAN_1, DEC_31).units(UNITS, 20, 0, 0).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primary, secondary),
                    List.of(preferredButShort, nextAlsoShort, secondaryWithUnits));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r -> {
                assertThat(r.authorizationId()).isEqualTo("auth-c");
                assertThat(r.units()).isEqualTo(3);
            });
        }

        @Test
        void anAuthorizationOutsideItsWindowIsPassedOverForOneInside() {
            Authorization expired = auth("auth-a", "cov-p").window(JAN_1, LocalDate.of(2026, 11, 30)).build();
            Authorization current = auth("auth-b", "cov-s").window(LocalDate.of(2026, 12, 1), DEC_31).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primary, secondary), List.of(expired, current));

            assertThat(chosen(decision)).isEqualTo("auth-b");
        }

        @Test
        void aRefusalListsOneShortfallPerCandidateInPreferenceOrder() {
            Authorization secondaryShort = auth("auth-s", "cov-s").units(UNITS, 20, 19, 0).build();
            Authorization primaryLater = auth("auth-p2", "cov-p").window(JAN_1, DEC_31).units(UNITS, 10, 10, 0).build();
            Authorization primarySooner = auth("auth-p1", "cov-p").window(JAN_1, LocalDate.of(2026, 12, 15)).units(UNITS, 10, 8, 0).build();
            Authorization otherCode = auth("auth-x", "cov-p").codes(SPEECH).units(VISITS, 10, 0, 0).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primary, secondary),
                    List.of(secondaryShort, primaryLater, primarySooner, otherCode));

            assertThat(decision).isInstanceOfSatisfying(Refuse.class, refuse -> {
                assertThat(refuse.reasons()).extracting(Reason::code).containsOnly(ReasonCode.INSUFFICIENT_UNITS);
                assertThat(refuse.reasons()).extracting(r -> r.details().get("authorizationId"))
                        .containsExactly("auth-p1", "auth-p2", "auth-s");
                assertThat(refuse.reasons()).extracting(r -> r.details().get("remaining"))
                        .containsExactly("2", "0", "1");
            });
        }
    }

    @Nested
    class Explanation {

        @Test
        void namesTheAuthorizationNumberTheQuantityAndTheWindow() {
            Authorization only = auth("auth-1", "cov-1").number("BCBS-PA-2026-0042").window(LocalDate.of(2026, 10, 1), DEC_31).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(only));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r -> assertThat(r.explanation())
                    .isEqualTo("Reserved 3 units of authorization BCBS-PA-2026-0042 (primary coverage, valid 2026-10-01 to 2026-12-31)."));
        }

        @Test
        void givesHoursInHours() {
            Authorization hours = auth("auth-1", "cov-1").number("AET-H-12").units(HOURS, 40, 0, 0).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(hours));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r ->
                    assertThat(r.explanation()).startsWith("Reserved 0.75 hours of authorization AET-H-12"));
        }

        @Test
        void saysHowManyValidAuthorizationsItChoseAmong() {
            Authorization a = auth("auth-a", "cov-1").number("N-A").window(JAN_1, LocalDate.of(2026, 12, 20)).build();
            Authorization b = auth("auth-b", "cov-1").number("N-B").window(JAN_1, DEC_31).build();

            AuthorizationDecision decision = decide(session(DOS, EXERCISE, 45), List.of(primaryAllYear()), List.of(b, a));

            assertThat(decision).isInstanceOfSatisfying(Reserve.class, r -> assertThat(r.explanation())
                    .contains("authorization N-A").contains("chosen among 2 valid authorizations"));
        }
    }

    @Nested
    class IndependenceFromInputOrder {

        private final List<Coverage> coverages = List.of(
                coverage("cov-p", PRIMARY, JAN_1, null),
                coverage("cov-s", SECONDARY, JAN_1, null),
                coverage("cov-t", CoveragePriority.TERTIARY, JAN_1, null),
                coverage("cov-lapsed", PRIMARY, JAN_1, LocalDate.of(2026, 6, 30)));

        @Test
        void theReservationIsTheSameHoweverTheListsAreOrdered() {
            List<Authorization> authorizations = List.of(
                    auth("auth-lapsed", "cov-lapsed").window(JAN_1, DEC_31).build(),
                    auth("auth-p-short", "cov-p").window(JAN_1, LocalDate.of(2026, 12, 5)).units(UNITS, 10, 9, 0).build(),
                    auth("auth-s-late", "cov-s").window(JAN_1, DEC_31).build(),
                    auth("auth-s-soon-2", "cov-s").window(JAN_1, LocalDate.of(2026, 12, 20)).build(),
                    auth("auth-s-soon-1", "cov-s").window(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 20)).build(),
                    auth("auth-t", "cov-t").window(JAN_1, LocalDate.of(2026, 12, 4)).build(),
                    auth("auth-speech", "cov-p").codes(SPEECH).build());

            assertSameDecisionForEveryOrder(session(DOS, EXERCISE, 45), authorizations,
                    d -> assertThat(chosen(d)).isEqualTo("auth-s-soon-1"));
        }

        @Test
        void theRefusalReasonsAreInTheSameOrderHoweverTheListsAreOrdered() {
            List<Authorization> authorizations = List.of(
                    auth("auth-t", "cov-t").units(UNITS, 10, 10, 0).build(),
                    auth("auth-p-2", "cov-p").units(UNITS, 10, 8, 0).build(),
                    auth("auth-p-1", "cov-p").units(UNITS, 10, 9, 0).build(),
                    auth("auth-s", "cov-s").units(UNITS, 10, 0, 10).build());

            assertSameDecisionForEveryOrder(session(DOS, EXERCISE, 45), authorizations,
                    d -> assertThat(((Refuse) d).reasons()).extracting(r -> r.details().get("authorizationId"))
                            .containsExactly("auth-p-1", "auth-p-2", "auth-s", "auth-t"));
        }

        @Test
        void theNearestWindowNamedIsTheSameHoweverTheListsAreOrdered() {
            // both windows are 3 days away from the date of service: the lowest id is named
            List<Authorization> authorizations = List.of(
                    auth("auth-b", "cov-p").window(LocalDate.of(2026, 12, 6), DEC_31).build(),
                    auth("auth-a", "cov-s").window(JAN_1, LocalDate.of(2026, 11, 30)).build(),
                    auth("auth-c", "cov-p").window(JAN_1, LocalDate.of(2026, 6, 30)).build());

            assertSameDecisionForEveryOrder(session(DOS, EXERCISE, 45), authorizations,
                    d -> assertThat(((Refuse) d).reasons().get(0).details()).containsEntry("authorizationId", "auth-a"));
        }

        private void assertSameDecisionForEveryOrder(Appointment appointment, List<Authorization> authorizations,
                                                     java.util.function.Consumer<AuthorizationDecision> expectation) {
            AuthorizationDecision first = decide(appointment, coverages, authorizations);
            expectation.accept(first);
            Random random = new Random(20261203L);
            for (int i = 0; i < 200; i++) {
                List<Coverage> c = new ArrayList<>(coverages);
                List<Authorization> a = new ArrayList<>(authorizations);
                Collections.shuffle(c, random);
                Collections.shuffle(a, random);
                assertThat(decide(appointment, c, a)).as("coverages %s, authorizations %s", ids(c), authIds(a)).isEqualTo(first);
            }
        }
    }

    // --- fixtures ---

    private static AuthorizationDecision decide(Appointment appointment, List<Coverage> coverages, List<Authorization> authorizations) {
        return AuthorizationCheck.decide(appointment, coverages, authorizations, NO_PAYER_RULES);
    }

    private static Appointment session(LocalDate date, String code, int minutes) {
        return new Appointment("appt-1", PATIENT, "prov-1", code, LocalDateTime.of(date, LocalTime.of(10, 0)), minutes,
                AppointmentStatus.REQUESTED, null, null, CREATED, "staff-1", 1);
    }

    private static Coverage coverage(String id, CoveragePriority priority, LocalDate from, LocalDate to) {
        return new Coverage(id, PATIENT, "payer-1", "MBR-" + id, priority, from, to, CREATED, 1);
    }

    private static Coverage primaryAllYear() {
        return coverage("cov-1", PRIMARY, JAN_1, DEC_31);
    }

    private static AuthBuilder auth(String id, String coverageId) {
        return new AuthBuilder(id, coverageId);
    }

    private static Reason singleReason(AuthorizationDecision decision) {
        assertThat(decision).isInstanceOf(Refuse.class);
        List<Reason> reasons = ((Refuse) decision).reasons();
        assertThat(reasons).hasSize(1);
        return reasons.get(0);
    }

    private static String chosen(AuthorizationDecision decision) {
        assertThat(decision).isInstanceOf(Reserve.class);
        return ((Reserve) decision).authorizationId();
    }

    private static List<String> ids(List<Coverage> coverages) {
        return coverages.stream().map(Coverage::id).toList();
    }

    private static List<String> authIds(List<Authorization> authorizations) {
        return authorizations.stream().map(Authorization::id).toList();
    }

    /** An authorization for 97110 over the whole of 2026 with 20 units and nothing used, unless told otherwise. */
    private static final class AuthBuilder {
        private final String id;
        private final String coverageId;
        private String number;
        private Set<String> codes = Set.of(EXERCISE);
        private UnitType unitType = UNITS;
        private long authorized = 20;
        private long rendered;
        private long scheduled;
        private LocalDate start = JAN_1;
        private LocalDate end = DEC_31;

        private AuthBuilder(String id, String coverageId) {
            this.id = id;
            this.coverageId = coverageId;
            this.number = "PA-" + id;
        }

        AuthBuilder number(String value) {
            number = value;
            return this;
        }

        AuthBuilder codes(String... values) {
            codes = Set.of(values);
            return this;
        }

        AuthBuilder units(UnitType type, long authorizedUnits, long renderedUnits, long scheduledUnits) {
            unitType = type;
            authorized = authorizedUnits;
            rendered = renderedUnits;
            scheduled = scheduledUnits;
            return this;
        }

        AuthBuilder window(LocalDate from, LocalDate to) {
            start = from;
            end = to;
            return this;
        }

        Authorization build() {
            return new Authorization(id, PATIENT, coverageId, number, codes, unitType, authorized, scheduled, rendered,
                    start, end, Discipline.PT, CREATED, 1);
        }
    }
}
