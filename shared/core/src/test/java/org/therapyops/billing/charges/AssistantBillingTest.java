package org.therapyops.billing.charges;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.ServiceLine;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Provider;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.therapyops.billing.charges.Notes.COMMERCIAL;
import static org.therapyops.billing.charges.Notes.MEDICARE;
import static org.therapyops.billing.charges.Notes.captured;
import static org.therapyops.billing.charges.Notes.note;

/**
 * A session an assistant renders is billed as Medicare requires, from the provider's credential and supervisor, with
 * no flag on the line: under the supervising therapist as rendering provider, with CQ (PTA) or CO (COTA) where the
 * payer wants them; a therapist's line can still say an assistant furnished more than 10% of it.
 */
class AssistantBillingTest {

    private static final Provider PT = provider("pt-1", Discipline.PT, "PT", null);
    private static final Provider PTA = provider("pta-1", Discipline.PT, "PTA", "pt-1");
    private static final Provider OT = provider("ot-1", Discipline.OT, "OT", null);
    private static final Provider COTA = provider("cota-1", Discipline.OT, "COTA", "ot-1");

    @Test
    void aPtasLinesAreBilledUnderTheSupervisingPtWithCqForMedicare() {
        var result = captured(note(Discipline.PT, line("97110", 30, "pta-1"), line("97140", 15, "pta-1"))
                .providers(PT, PTA).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::renderingProviderId, Charge::modifiers)
                .containsExactly(tuple("pt-1", List.of("GP", "CQ")), tuple("pt-1", List.of("GP", "CQ")));
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void aCotasLinesAreBilledUnderTheSupervisingOtWithCo() {
        var result = captured(note(Discipline.OT, line("97530", 30, "cota-1")).providers(OT, COTA).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::renderingProviderId, Charge::modifiers)
                .containsExactly(tuple("ot-1", List.of("GO", "CO")));
    }

    @Test
    void thePtsAndThePtasLinesOfOneCodeStayApartOnTheSupervisorsClaim() {
        var result = captured(note(Discipline.PT, line("97110", 23, "pt-1"), line("97110", 15, "pta-1"))
                .providers(PT, PTA).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::renderingProviderId, Charge::modifiers, Charge::units)
                .containsExactly(tuple("pt-1", List.of("GP"), 2), tuple("pt-1", List.of("GP", "CQ"), 1));
    }

    @Test
    void aPayerWithoutAssistantModifiersStillBillsUnderTheSupervisorWithoutCq() {
        var result = captured(note(Discipline.PT, line("97110", 30, "pta-1")).providers(PT, PTA).capture(COMMERCIAL));

        assertThat(result.chargeLines()).extracting(Charge::renderingProviderId, Charge::modifiers)
                .containsExactly(tuple("pt-1", List.of("GP")));
    }

    @Test
    void aTherapistsLineSaysWhenAnAssistantFurnishedMoreThanTenPercent() {
        var result = captured(note(Discipline.PT, new ServiceLine("97110", 30, "pt-1", AssistantInvolvement.PT_ASSISTANT))
                .providers(PT).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::renderingProviderId, Charge::modifiers)
                .containsExactly(tuple("pt-1", List.of("GP", "CQ")));
    }

    @Test
    void anAssistantWithoutASupervisorOnFileIsBilledUnderItselfWithAWarning() {
        Provider alone = provider("pta-2", Discipline.PT, "pta", null);
        var result = captured(note(Discipline.PT, line("97110", 30, "pta-2")).providers(alone).capture(MEDICARE));

        assertThat(result.chargeLines()).extracting(Charge::renderingProviderId, Charge::modifiers)
                .containsExactly(tuple("pta-2", List.of("GP", "CQ")));
        assertThat(result.findings()).extracting(CaptureFinding::code, CaptureFinding::line, CaptureFinding::severity)
                .containsExactly(tuple(FindingCode.ASSISTANT_WITHOUT_SUPERVISOR, 1, FindingCode.Severity.WARNING));
    }

    @Test
    void theCredentialDecidesWhoIsAnAssistant() {
        assertThat(AssistantInvolvement.of(PTA)).isEqualTo(AssistantInvolvement.PT_ASSISTANT);
        assertThat(AssistantInvolvement.of(COTA)).isEqualTo(AssistantInvolvement.OT_ASSISTANT);
        assertThat(AssistantInvolvement.of(provider("x", Discipline.OT, "OTA", null))).isEqualTo(AssistantInvolvement.OT_ASSISTANT);
        assertThat(AssistantInvolvement.of(PT)).isEqualTo(AssistantInvolvement.NONE);
        assertThat(AssistantInvolvement.of(provider("x", Discipline.ABA, "RBT", "bcba-1"))).isEqualTo(AssistantInvolvement.NONE);
        assertThat(AssistantInvolvement.of(provider("x", Discipline.PT, null, null))).isEqualTo(AssistantInvolvement.NONE);
    }

    private static ServiceLine line(String code, int minutes, String provider) {
        return new ServiceLine(code, minutes, provider, AssistantInvolvement.NONE);
    }

    private static Provider provider(String id, Discipline discipline, String credential, String supervisorId) {
        return new Provider(id, "1234567893", "Sam", "Lee", discipline, "225100000X", credential, supervisorId, Instant.EPOCH, 1);
    }
}
