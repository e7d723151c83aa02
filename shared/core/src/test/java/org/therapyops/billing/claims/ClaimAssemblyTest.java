package org.therapyops.billing.claims;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.charges.CapturedCharge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Grouping of a note's charges into claims and the split at 12 diagnoses and 50 lines. */
class ClaimAssemblyTest {

    private static final LocalDate DOS = LocalDate.of(2026, 3, 2);
    private static final ClaimHeader HEADER = new ClaimHeader("patient-1", "coverage-1", "payer-1", "Medicare", "MCRB1",
            new Party("Practice", null, "1234567893", null, null, null), null,
            new Subscriber("1EG4TE5MK73", "Doe", "Jane", LocalDate.of(1950, 1, 1), "F", null), "AUTH-7");

    private static List<String> diagnoses(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "M54" + (char) ('A' + i)).toList();
    }

    private static CapturedCharge charge(int line, String provider, List<Integer> pointers) {
        return new CapturedCharge("note-1-" + String.format("%02d", line), line, new Charge("97110", List.of("GP"), 1, 15,
                pointers, new BigDecimal("45.00"), provider, DOS, "11"));
    }

    private static ClaimAssembly.Assembled assemble(List<String> dx, List<CapturedCharge> charges) {
        return ClaimAssembly.assemble("note-1", HEADER, dx, charges, id -> new Party(id, null, null, null, null, null));
    }

    @Test
    void oneClaimPerRenderingProviderWithDeterministicIds() {
        var assembled = assemble(diagnoses(2), List.of(charge(1, "pt", List.of(1, 2)), charge(2, "pta", List.of(1)),
                charge(3, "pt", List.of(2))));
        assertThat(assembled.claims()).extracting(Claim::id).containsExactly("note-1-C01", "note-1-C02");
        assertThat(assembled.claims().get(0).renderingProvider().lastNameOrOrganization()).isEqualTo("pt");
        assertThat(assembled.claims().get(0).lines()).hasSize(2);
        assertThat(assembled.claims().get(1).lines()).hasSize(1);
        assertThat(assembled.claims().get(0).priorAuthorizationNumber()).isEqualTo("AUTH-7");
        assertThat(assembled.claimOfCharge()).containsEntry("note-1-02", "note-1-C02").containsEntry("note-1-03", "note-1-C01");
        // A claim carries the diagnoses its lines point to (principal first); unpointed ones go where there is room.
        assertThat(assembled.claims().get(1).diagnoses()).containsExactly("M54B");
        assertThat(assembled.claims().get(1).lines().get(0).diagnosisPointers()).containsExactly(1);
        assertThat(assemble(diagnoses(2), List.of(charge(1, "pt", List.of(1)))).claims().get(0).id()).isEqualTo("note-1-C01");
    }

    @Test
    void twelveDiagnosesFitOneClaim() {
        var assembled = assemble(diagnoses(12), List.of(charge(1, "pt", List.of(1, 2, 3, 4)),
                charge(2, "pt", List.of(5, 6, 7, 8)), charge(3, "pt", List.of(9, 10, 11, 12))));
        assertThat(assembled.claims()).hasSize(1);
        assertThat(assembled.claims().get(0).diagnoses()).hasSize(12).isEqualTo(diagnoses(12));
        assertThat(assembled.unplacedDiagnoses()).isEmpty();
    }

    @Test
    void aThirteenthPointedDiagnosisSplitsTheClaimAndRewritesPointers() {
        List<String> dx = diagnoses(13);
        var assembled = assemble(dx, List.of(charge(1, "pt", List.of(1, 2, 3, 4)), charge(2, "pt", List.of(5, 6, 7, 8)),
                charge(3, "pt", List.of(9, 10, 11, 12)), charge(4, "pt", List.of(1, 13))));
        assertThat(assembled.claims()).hasSize(2);
        Claim second = assembled.claims().get(1);
        assertThat(assembled.claims().get(0).diagnoses()).hasSize(12);
        assertThat(second.diagnoses()).containsExactly(dx.get(0), dx.get(12));
        assertThat(second.lines().get(0).diagnosisPointers()).containsExactly(1, 2);
        assertThat(assembled.claims()).allSatisfy(c -> assertThat(c.diagnoses()).hasSizeLessThanOrEqualTo(Claim.MAX_DIAGNOSES));
    }

    @Test
    void aThirteenthUnpointedDiagnosisGoesWhereThereIsRoomOrIsReported() {
        var assembled = assemble(diagnoses(13), List.of(charge(1, "pt", List.of(1, 2, 3, 4))));
        assertThat(assembled.claims()).hasSize(1);
        assertThat(assembled.claims().get(0).diagnoses()).hasSize(12);
        assertThat(assembled.unplacedDiagnoses()).containsExactly(diagnoses(13).get(12));
    }

    @Test
    void fiftyLinesFitOneClaimFiftyOneSplit() {
        List<CapturedCharge> fifty = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            fifty.add(charge(i, "pt", List.of(1)));
        }
        assertThat(assemble(diagnoses(1), fifty).claims()).hasSize(1);
        List<CapturedCharge> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add(charge(51, "pt", List.of(1)));
        var assembled = assemble(diagnoses(1), fiftyOne);
        assertThat(assembled.claims()).extracting(c -> c.lines().size()).containsExactly(50, 1);
        assertThat(assembled.claimOfCharge()).containsEntry("note-1-51", "note-1-C02");
        assertThat(assembled.claims().get(1).diagnoses()).containsExactly("M54B");
    }
}
