package org.therapyops.payer;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.Party;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.CaptureResult;
import org.therapyops.billing.charges.ChargeCapture;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.claims.ClaimAssembly;
import org.therapyops.billing.claims.ClaimHeader;
import org.therapyops.billing.scrub.CodeSets;
import org.therapyops.billing.scrub.Finding;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.ScrubStatus;
import org.therapyops.billing.scrub.Scrubber;
import org.therapyops.billing.scrub.rules.ScrubRules;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PostalAddress;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.UnitRounding;
import org.therapyops.domain.UnitType;
import org.therapyops.domain.authorization.AuthorizationCheck;
import org.therapyops.domain.authorization.AuthorizationDecision;
import org.therapyops.payer.service.PayerRulesResolver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For each payer setting, a payer that changes only that setting (everything else its type's profile) is booked,
 * captured and scrubbed through the one set of resolved rules, and the three agree: the booking decision, the charges
 * and a claim the scrubber lets through (or stops, for the reason the payer's setting gives). The cases of issue 10
 * are among them: a payer's own authorization list, its filing days, a payer wanting no telehealth modifier, a
 * Medicare payer rounding per code, a payer lifting authorization.
 */
class PayerRulesAgreementTest {

    private static final PayerRulesResolver RESOLVER = PayerRulesResolver.shipped();
    private static final LocalDate DOS = LocalDate.of(2026, 12, 1);
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final FeeSchedule FEES = FeeSchedule.loadSample();
    private static final KxThresholds KX = KxThresholds.load();
    private static final CodeCatalog CATALOG = CodeCatalog.load();
    private static final CodeSets CODE_SETS = CodeSets.shipped();
    private static final Scrubber SCRUBBER = ScrubRules.scrubber();

    /** One session of a payer's patient, from booking to scrubbing; each test changes what it is about. */
    private static final class Session {
        PayerType type = PayerType.COMMERCIAL;
        PayerRuleSettings settings = PayerRuleSettings.NONE;
        String bookedCode = "97110";
        List<ServiceLine> lines = new ArrayList<>(List.of(line("97110", 30)));
        boolean authorizationOnFile = true;
        TelehealthMode telehealth = TelehealthMode.IN_PERSON;
        boolean atHome;
        LocalDate scrubbedOn = DOS.plusDays(2);

        Outcome run() {
            Payer payer = new Payer("payer-1", "Acme Health", "ACME1", type, CREATED, 1);
            payer = settings.isEmpty() ? payer : payer.withRules(settings, null, CREATED, "biller-1");
            Payer known = payer;
            PayerRulesLookup lookup = (id, date) -> id.equals(known.id()) ? RESOLVER.rulesFor(known, date) : Optional.empty();
            String memberId = type == PayerType.MEDICARE ? "1EG4TE5MK73" : "ACM123456";
            Coverage coverage = new Coverage("cov-1", "pat-1", payer.id(), memberId, CoveragePriority.PRIMARY,
                    LocalDate.of(2026, 1, 1), null, CREATED, 1);
            List<Authorization> authorizations = authorizationOnFile
                    ? List.of(new Authorization("auth-1", "pat-1", "cov-1", "A-100", Set.of(bookedCode, "97140", "97530"), UnitType.VISITS,
                    12, 0, 0, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), Discipline.PT, CREATED, 1))
                    : List.of();

            Appointment appointment = new Appointment("appt-1", "pat-1", "pt-1", bookedCode, DOS.atTime(LocalTime.of(9, 0)), 45,
                    AppointmentStatus.REQUESTED, null, null, CREATED, "desk-1", 1);
            AuthorizationDecision booking = AuthorizationCheck.decide(appointment, List.of(coverage), authorizations, lookup);

            PayerRules rules = lookup.rulesFor(payer.id(), DOS).orElseThrow();
            SignedNote note = new SignedNote("note-1", "appt-1", "pat-1", "cov-1", payer.id(), DOS, "11", telehealth, atHome,
                    Discipline.PT, List.of("M5450"), lines);
            CaptureResult.Captured captured = (CaptureResult.Captured) ChargeCapture.capture(note, rules, KX, FEES, CATALOG,
                    TherapyYearToDate.none(DOS.getYear()));
            String number = booking instanceof AuthorizationDecision.Reserve ? "A-100" : null;
            ClaimHeader header = new ClaimHeader("pat-1", "cov-1", payer.id(), payer.name(), payer.payerId(),
                    new Party("Riverside Therapy", null, "1245319599", "12-3456789", "261QR0400X",
                            new PostalAddress("100 River Rd", null, "Springfield", "IL", "627011234")), null,
                    new Subscriber(memberId, "Demo", "Alex", LocalDate.of(1958, 4, 12), "F",
                            new PostalAddress("12 Elm Ave", null, "Springfield", "IL", "62704")), number);
            Claim claim = ClaimAssembly.assemble(note.id(), header, note.diagnoses(), captured.charges(),
                    id -> new Party("Rivera", "Jordan", "1234567893", null, "225100000X", null)).claims().get(0);

            ScrubResult scrubbed = SCRUBBER.scrub(claim, new ScrubContext(rules, CODE_SETS, KX, coverage, authorizations, List.of(),
                    scrubbedOn, FEES.codes(), type == PayerType.MEDICARE ? TherapyYearToDate.none(DOS.getYear()) : null, telehealth));
            return new Outcome(booking, captured, claim, scrubbed);
        }
    }

    private record Outcome(AuthorizationDecision booking, CaptureResult.Captured captured, Claim claim, ScrubResult scrubbed) {

        List<String> errors() {
            return scrubbed.errors().stream().map(Finding::ruleId).toList();
        }

        List<Charge> lines() {
            return claim.lines();
        }
    }

    // ---- the profile alone: booking needs the authorization it has, the claim is READY

    @Test
    void withNothingSetTheCommercialProfileDecidesAndAllThreeAgree() {
        Outcome o = new Session().run();

        assertThat(o.booking()).isInstanceOf(AuthorizationDecision.Reserve.class);
        assertThat(o.claim().priorAuthorizationNumber()).isEqualTo("A-100");
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
        assertThat(o.scrubbed().payerRulesVersion()).isNull();
    }

    // ---- authorization

    @Test
    void aPayerThatLiftsAuthorizationIsBookedWithoutOneAndItsClaimNeedsNone() {
        Session s = new Session();
        s.settings = PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.none());
        s.authorizationOnFile = false;

        Outcome o = s.run();

        assertThat(o.booking()).isInstanceOf(AuthorizationDecision.NotRequired.class);
        assertThat(o.claim().priorAuthorizationNumber()).isNull();
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
        assertThat(o.scrubbed().payerRulesVersion()).isEqualTo(1);
    }

    @Test
    void withoutItTheProfileBlocksTheBookingAndTheScrubberTheClaim() {
        Session s = new Session();
        s.authorizationOnFile = false;

        Outcome o = s.run();

        assertThat(o.booking()).isInstanceOf(AuthorizationDecision.Refuse.class);
        assertThat(((AuthorizationDecision.Refuse) o.booking()).reasons().get(0).code()).isEqualTo(ReasonCode.NO_AUTHORIZATION_FOR_CODE);
        assertThat(o.errors()).containsExactly("AUTH_NUMBER");
    }

    @Test
    void aCodeOnThePayersOwnListThatTheProfileDoesNotListBlocksTheBookingAndTheClaimWithoutANumber() {
        Session s = new Session();
        s.settings = PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.listed(Set.of("97161")));
        s.bookedCode = "97161";
        s.lines = new ArrayList<>(List.of(line("97161", 45)));
        s.authorizationOnFile = false;

        Outcome o = s.run();

        assertThat(o.booking()).isInstanceOf(AuthorizationDecision.Refuse.class);
        // Booked anyway (an override, or the WARN policy): the claim has no number, and the scrubber says so.
        assertThat(o.claim().priorAuthorizationNumber()).isNull();
        assertThat(o.errors()).containsExactly("AUTH_NUMBER");
    }

    @Test
    void aCodeTakenOffThePayersListIsBookedAndBilledWithoutAuthorization() {
        Session s = new Session();
        s.settings = PayerRuleSettings.NONE.withAuthorization(PriorAuthorization.listed(Set.of("97530")));
        s.authorizationOnFile = false;

        Outcome o = s.run();

        assertThat(o.booking()).isInstanceOf(AuthorizationDecision.NotRequired.class);
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
    }

    // ---- unit rounding

    @Test
    void aMedicarePayerRoundingPerCodeIsCapturedPerCodeAndTheScrubberCountsTheSame() {
        Session s = medicare();
        s.settings = PayerRuleSettings.NONE.withUnitRounding(UnitRounding.PER_CODE);

        Outcome o = s.run();

        // Per code: 20 minutes are 1 unit each; the 8-minute rule would make the day's 40 minutes 3 units.
        assertThat(o.lines()).extracting(Charge::units).containsExactly(1, 1);
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
    }

    @Test
    void aMedicarePayerOnTheProfilesEightMinuteRuleIsCapturedAndScrubbedByIt() {
        Outcome o = medicare().run();

        assertThat(o.lines()).extracting(Charge::units).containsExactlyInAnyOrder(2, 1);
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
    }

    // ---- timely filing

    @Test
    void aPayerTakingClaimsFor180DaysTakesOneOf100Days() {
        Session s = new Session();
        s.settings = PayerRuleSettings.NONE.withTimelyFilingDays(180);
        s.scrubbedOn = DOS.plusDays(100);

        Outcome o = s.run();

        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
        Session profile = new Session();
        profile.scrubbedOn = DOS.plusDays(100);
        assertThat(profile.run().errors()).as("the commercial profile's 90 days").containsExactly("TIMELY_FILING");
    }

    @Test
    void aPayerTakingClaimsFor30DaysRefusesOneOf45Days() {
        Session s = new Session();
        s.settings = PayerRuleSettings.NONE.withTimelyFilingDays(30);
        s.scrubbedOn = DOS.plusDays(45);

        Outcome o = s.run();

        assertThat(o.errors()).containsExactly("TIMELY_FILING");
        assertThat(o.scrubbed().errors().get(0).message()).contains("30 days").contains("Acme Health's rules v1");
    }

    // ---- telehealth

    @Test
    void aPayerWantingNoTelehealthModifierIsCapturedWithoutOneAndScrubbedWithoutOne() {
        Session s = telehealthAtHome();
        s.settings = PayerRuleSettings.NONE.withTelehealthModifierRequired(false);

        Outcome o = s.run();

        assertThat(o.lines()).extracting(Charge::modifiers).containsExactly(List.of("GP"));
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
    }

    @Test
    void theCommercialProfilesTelehealthModifierIsCapturedAndScrubbedAlike() {
        Outcome o = telehealthAtHome().run();

        assertThat(o.lines()).extracting(Charge::modifiers).containsExactly(List.of("GP", "95"));
        assertThat(o.lines()).extracting(Charge::placeOfService).containsExactly("10");
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
    }

    @Test
    void aPayersOwnPlaceOfServiceAtHomeIsCapturedAndAcceptedByTheScrubber() {
        Session s = telehealthAtHome();
        s.settings = PayerRuleSettings.NONE.withTelehealthPlaceOfServiceHome("12");

        Outcome o = s.run();

        assertThat(o.lines()).extracting(Charge::placeOfService).containsExactly("12");
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
    }

    @Test
    void aPayersOwnPlaceOfServiceElsewhereIsCapturedAndAcceptedByTheScrubber() {
        Session s = telehealthAtHome();
        s.atHome = false;
        s.settings = PayerRuleSettings.NONE.withTelehealthPlaceOfServiceOther("10");

        Outcome o = s.run();

        assertThat(o.lines()).extracting(Charge::placeOfService).containsExactly("10");
        assertThat(o.scrubbed().status()).as(o.scrubbed().findings().toString()).isEqualTo(ScrubStatus.READY);
        Session profile = telehealthAtHome();
        profile.atHome = false;
        assertThat(profile.run().lines()).extracting(Charge::placeOfService).containsExactly("02");
    }

    private static Session medicare() {
        Session s = new Session();
        s.type = PayerType.MEDICARE;
        s.lines = new ArrayList<>(List.of(line("97110", 20), line("97140", 20)));
        return s;
    }

    private static Session telehealthAtHome() {
        Session s = new Session();
        s.telehealth = TelehealthMode.AUDIO_VIDEO;
        s.atHome = true;
        return s;
    }

    private static ServiceLine line(String code, int minutes) {
        return new ServiceLine(code, minutes, "pt-1", AssistantInvolvement.NONE);
    }
}
