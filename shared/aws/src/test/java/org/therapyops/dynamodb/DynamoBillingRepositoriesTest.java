package org.therapyops.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Addendum;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.StoredCharge;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.PostalAddress;
import org.therapyops.ports.InvalidCursorException;
import org.therapyops.ports.NoteRepository;
import org.therapyops.ports.StaleVersionException;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Notes and Claims adapters against DynamoDB on moto: conditional transitions, idempotent creation, listing. */
class DynamoBillingRepositoriesTest {

    private static DynamoDbClient dynamo;
    private static DynamoNoteRepository notes;
    private static DynamoClaimRepository claims;
    private final String practiceId = "practice-" + UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        Moto.BillingTables tables = moto.createBillingTables();
        dynamo = moto.dynamo();
        notes = new DynamoNoteRepository(dynamo, tables.notes());
        claims = new DynamoClaimRepository(dynamo, tables.claims());
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    private static Note draft(String id) {
        return new Note(id, "appt-1", "patient-1", "provider-1", NoteStatus.DRAFT, LocalDate.of(2026, 3, 2), "11",
                TelehealthMode.IN_PERSON, false, List.of("M5450", "M25561"),
                List.of(new ServiceLine("97110", 33, "provider-1", AssistantInvolvement.NONE),
                        new ServiceLine("97140", 7, "provider-1", AssistantInvolvement.PT_ASSISTANT)),
                List.of(), NOW, "provider-1", null, null, 1);
    }

    private static AuditEntry audit(String id, String action) {
        return new AuditEntry(id, Instant.now(), "provider-1", "clinician", action, null, null, "req-1", null);
    }

    @Test
    void aDraftIsReplacedOverItsVersionSignedOnceAndThenOnlyGainsAddenda() {
        Note draft = draft("note-" + UUID.randomUUID());
        notes.create(practiceId, draft, audit(draft.id(), "CREATE"));
        assertThat(notes.note(practiceId, draft.id())).contains(draft);
        assertThatThrownBy(() -> notes.create(practiceId, draft, audit(draft.id(), "CREATE"))).isInstanceOf(DuplicateIdException.class);

        Note changed = new Note(draft.id(), draft.appointmentId(), draft.patientId(), draft.renderingProviderId(), NoteStatus.DRAFT,
                draft.dateOfService(), "22", draft.telehealth(), false, List.of("M5450"), draft.lines(), List.of(),
                draft.createdAt(), draft.createdBy(), null, null, 0);
        Note replaced = notes.replaceDraft(practiceId, changed, 1, audit(draft.id(), "UPDATE"));
        assertThat(replaced.version()).isEqualTo(2);
        assertThat(notes.note(practiceId, draft.id()).orElseThrow().placeOfService()).isEqualTo("22");
        assertThatThrownBy(() -> notes.replaceDraft(practiceId, changed, 1, audit(draft.id(), "UPDATE")))
                .isInstanceOf(StaleVersionException.class);

        Note signed = notes.sign(practiceId, draft.id(), 2, "provider-1", NOW, audit(draft.id(), "SIGN"));
        assertThat(signed.status()).isEqualTo(NoteStatus.SIGNED);
        assertThat(signed.signedBy()).isEqualTo("provider-1");
        assertThat(signed.version()).isEqualTo(3);
        assertThatThrownBy(() -> notes.sign(practiceId, draft.id(), 3, "provider-1", NOW, audit(draft.id(), "SIGN")))
                .isInstanceOf(NoteRepository.NoteSignedException.class);
        assertThatThrownBy(() -> notes.replaceDraft(practiceId, changed, 3, audit(draft.id(), "UPDATE")))
                .isInstanceOf(NoteRepository.NoteSignedException.class);

        Note amended = notes.addAddendum(practiceId, draft.id(), new Addendum("Pain 3/10 after.", "provider-1", NOW),
                audit(draft.id(), "ADDENDUM"));
        assertThat(amended.addenda()).containsExactly(new Addendum("Pain 3/10 after.", "provider-1", NOW));
        assertThat(amended.status()).isEqualTo(NoteStatus.SIGNED);
        assertThat(amended.diagnoses()).containsExactly("M5450");
        assertThat(notes.audit(practiceId, draft.id())).extracting(AuditEntry::action)
                .containsExactlyInAnyOrder("CREATE", "UPDATE", "SIGN", "ADDENDUM");
    }

    private static StoredClaim claim(String id) {
        Party billing = new Party("Clinic", null, "1234567893", "123456789", "225100000X",
                new PostalAddress("1 Main St", null, "Springfield", "IL", "62701"));
        Charge line = new Charge("97110", List.of("GP"), 2, 33, List.of(1, 2), new BigDecimal("90.00"), "provider-1",
                LocalDate.of(2026, 3, 2), "11");
        Claim claim = Claim.builder().id(id).patientId("patient-1").coverageId("coverage-1").payer("payer-1", "Medicare", "MCRB1")
                .billingProvider(billing).renderingProvider(new Party("Smith", "Ann", "1234567893", null, "225100000X", null))
                .subscriber(new Subscriber("1EG4TE5MK73", "Doe", "Jane", LocalDate.of(1950, 1, 1), "F", null))
                .dateOfService(LocalDate.of(2026, 3, 2)).placeOfService("11").priorAuthorizationNumber("AUTH-7")
                .diagnoses(List.of("M5450", "M25561")).lines(List.of(line)).build();
        return new StoredClaim(claim, "note-1", ClaimStatus.SCRUB_PENDING, false, NOW, 1);
    }

    @Test
    void aClaimIsCreatedOnceReadBackWholeAndMovedOverItsVersion() {
        StoredClaim claim = claim("note-1-C01");
        assertThat(claims.createIfAbsent(practiceId, claim)).isTrue();
        assertThat(claims.createIfAbsent(practiceId, claim)).isFalse();
        assertThat(claims.get(practiceId, claim.claim().id())).contains(claim);
        assertThat(claims.get("another-practice", claim.claim().id())).isEmpty();

        claims.markQueued(practiceId, claim.claim().id());
        assertThat(claims.get(practiceId, claim.claim().id()).orElseThrow().queued()).isTrue();

        StoredClaim ready = claims.updateStatus(practiceId, claim.claim().id(), 1, ClaimStatus.READY);
        assertThat(ready.status()).isEqualTo(ClaimStatus.READY);
        assertThat(ready.version()).isEqualTo(2);
        assertThatThrownBy(() -> claims.updateStatus(practiceId, claim.claim().id(), 1, ClaimStatus.NEEDS_REVIEW))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> claims.updateStatus(practiceId, "no-such-claim", 1, ClaimStatus.READY))
                .isInstanceOf(StaleVersionException.class);
    }

    @Test
    void aChargeIsCreatedOnce() {
        Charge line = new Charge("97140", List.of("GP", "CQ"), 1, 7, List.of(1), new BigDecimal("44.00"), "provider-1",
                LocalDate.of(2026, 3, 2), "11");
        StoredCharge charge = new StoredCharge("note-1-02", "note-1", "note-1-C01", line);
        assertThat(claims.createChargeIfAbsent(practiceId, charge)).isTrue();
        assertThat(claims.createChargeIfAbsent(practiceId, charge)).isFalse();
        assertThat(claims.charge(practiceId, "note-1-02")).contains(charge);
    }

    @Test
    void claimsAreListedByStatusAcrossPagesWithAPracticeBoundCursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            StoredClaim c = claim("note-x-C0" + i);
            claims.createIfAbsent(practiceId, c);
            ids.add(c.claim().id());
        }
        claims.updateStatus(practiceId, ids.get(1), 1, ClaimStatus.READY);
        claims.createChargeIfAbsent(practiceId, new StoredCharge("note-x-01", "note-x", ids.get(0),
                claim("x").claim().lines().get(0)));

        var first = claims.list(practiceId, ClaimStatus.SCRUB_PENDING, 2, null);
        assertThat(first.items()).extracting(c -> c.claim().id()).containsExactly(ids.get(0), ids.get(2));
        assertThat(first.nextCursor()).isNotNull();
        var second = claims.list(practiceId, ClaimStatus.SCRUB_PENDING, 10, first.nextCursor());
        assertThat(second.items()).extracting(c -> c.claim().id()).containsExactly(ids.get(3), ids.get(4));
        assertThat(claims.list(practiceId, null, 10, null).items()).hasSize(5);
        assertThatThrownBy(() -> claims.list("another-practice", null, 10, first.nextCursor()))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aPatientsClaimsAreListedNewestFirstByStatusAcrossPagesWithACursorBoundToThePatient() {
        for (int day = 1; day <= 3; day++) {
            claims.createIfAbsent(practiceId, claimOf("pat-a-" + day, "patient-a", LocalDate.of(2026, 6, day), "n" + day, NOW));
        }
        claims.createIfAbsent(practiceId, claimOf("pat-b-1", "patient-b", LocalDate.of(2026, 6, 9), "nb", NOW));
        String other = "practice-" + UUID.randomUUID();
        claims.createIfAbsent(other, claimOf("other-a-1", "patient-a", LocalDate.of(2026, 6, 9), "no", NOW));
        claims.updateStatus(practiceId, "pat-a-2", 1, ClaimStatus.READY);

        var first = claims.listOfPatient(practiceId, "patient-a", null, 2, null);
        assertThat(first.items()).extracting(c -> c.claim().id()).containsExactly("pat-a-3", "pat-a-2");
        assertThat(first.items().get(0).claim().subscriber()).as("read in full, not from the index").isNotNull();
        var second = claims.listOfPatient(practiceId, "patient-a", null, 2, first.nextCursor());
        assertThat(second.items()).extracting(c -> c.claim().id()).containsExactly("pat-a-1");
        assertThat(claims.listOfPatient(practiceId, "patient-a", ClaimStatus.READY, 10, null).items())
                .extracting(c -> c.claim().id()).containsExactly("pat-a-2");
        assertThatThrownBy(() -> claims.listOfPatient(practiceId, "patient-b", null, 2, first.nextCursor()))
                .isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> claims.listOfPatient(other, "patient-a", null, 2, first.nextCursor()))
                .isInstanceOf(InvalidCursorException.class);
        assertThat(claims.listOfPatient(other, "patient-a", null, 10, null).items()).extracting(c -> c.claim().id())
                .containsExactly("other-a-1");
    }

    private static StoredClaim claimOf(String id, String patientId, LocalDate dateOfService, String noteId, Instant signedAt) {
        Claim c = claim(id).claim();
        Claim moved = c.toBuilder().id(id).patientId(patientId).dateOfService(dateOfService).build();
        return new StoredClaim(moved, noteId, signedAt, ClaimStatus.SCRUB_PENDING, false, NOW, 1);
    }

    @Test
    void aPatientsClaimsComeFromTheIndexNeverAnotherPatientsOrPractices() {
        String patient = "patient-" + UUID.randomUUID();
        String otherPractice = "practice-" + UUID.randomUUID();
        Instant signed = Instant.parse("2026-03-02T17:00:00Z");
        claims.createIfAbsent(practiceId, claimOf("c-2026-03-02", patient, LocalDate.of(2026, 3, 2), "note-a", signed));
        claims.createIfAbsent(practiceId, claimOf("c-2026-01-01", patient, LocalDate.of(2026, 1, 1), "note-b", null));
        claims.createIfAbsent(practiceId, claimOf("c-2026-03-03", patient, LocalDate.of(2026, 3, 3), "note-c", null));
        claims.createIfAbsent(practiceId, claimOf("c-2025-12-31", patient, LocalDate.of(2025, 12, 31), "note-d", null));
        // The same patient id in another practice, and another patient of this practice, on the same day.
        claims.createIfAbsent(otherPractice, claimOf("c-other-practice", patient, LocalDate.of(2026, 3, 2), "note-e", null));
        claims.createIfAbsent(practiceId, claimOf("c-other-patient", "patient-" + UUID.randomUUID(), LocalDate.of(2026, 3, 2),
                "note-f", null));
        claims.createChargeIfAbsent(practiceId, new StoredCharge("note-a-01", "note-a", "c-2026-03-02",
                claim("x").claim().lines().get(0)));

        assertThat(claims.patientClaims(practiceId, patient)).extracting(c -> c.claim().id())
                .containsExactly("c-2025-12-31", "c-2026-01-01", "c-2026-03-02", "c-2026-03-03");
        assertThat(claims.patientClaims(practiceId, patient, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 2)))
                .extracting(c -> c.claim().id()).containsExactly("c-2026-01-01", "c-2026-03-02");
        assertThat(claims.patientClaims(otherPractice, patient)).extracting(c -> c.claim().id())
                .containsExactly("c-other-practice");
        assertThat(claims.patientClaims("practice-" + UUID.randomUUID(), patient)).isEmpty();

        // What the index projects is what the duplicate check and the KX year to date read; the subscriber stays home.
        StoredClaim read = claims.patientClaims(practiceId, patient, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2)).get(0);
        StoredClaim written = claims.get(practiceId, "c-2026-03-02").orElseThrow();
        assertThat(read.noteId()).isEqualTo("note-a");
        assertThat(read.noteSignedAt()).isEqualTo(signed).isEqualTo(written.noteSignedAt());
        assertThat(read.createdAt()).isEqualTo(NOW);
        assertThat(read.claim().lines()).isEqualTo(written.claim().lines());
        assertThat(read.claim().payerId()).isEqualTo("payer-1");
        assertThat(read.claim().renderingProvider()).isEqualTo(written.claim().renderingProvider());
        assertThat(read.claim().subscriber()).isNull();
        assertThat(read.claim().diagnoses()).isEmpty();
    }

    @Test
    void aCorrectionKeepsTheNotesSigningTimeAndMovesTheClaimInTheIndex() {
        String patient = "patient-" + UUID.randomUUID();
        Instant signed = Instant.parse("2026-03-02T17:00:00Z");
        StoredClaim created = claimOf("c-" + UUID.randomUUID(), patient, LocalDate.of(2026, 3, 2), "note-a", signed);
        claims.createIfAbsent(practiceId, created);
        StoredClaim review = claims.updateStatus(practiceId, created.claim().id(), 1, ClaimStatus.NEEDS_REVIEW);
        Claim c = review.claim();
        Claim redated = c.toBuilder().dateOfService(LocalDate.of(2026, 3, 4)).build();

        StoredClaim corrected = claims.correct(practiceId, review, redated);

        assertThat(corrected.noteSignedAt()).isEqualTo(signed);
        assertThat(claims.get(practiceId, c.id()).orElseThrow().noteSignedAt()).isEqualTo(signed);
        assertThat(claims.patientClaims(practiceId, patient, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 3))).isEmpty();
        assertThat(claims.patientClaims(practiceId, patient, LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 4)))
                .extracting(s -> s.claim().id()).containsExactly(c.id());
    }
}
