package org.therapyops.reporting;

import org.therapyops.reporting.service.ReportingService;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.PracticeSettings;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redelivered, duplicated, reordered and replayed changes leave the aggregates as the latest state alone would. */
class ReportingServiceTest {

    final InMemoryReportingStore store = new InMemoryReportingStore();
    final ReportingService service = new ReportingService(store, Stubs.practice(PracticeSettings.defaults()), Stubs.claims(Map.of()),
            new Contributions(ReportingRules.load()), Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC));

    /** A claim's life: SCRUB_PENDING, NEEDS_REVIEW, corrected, READY, SUBMITTED, REJECTED, corrected again, paid. */
    static List<StoredClaim> life(String id) {
        List<StoredClaim> versions = new ArrayList<>();
        var m = org.therapyops.billing.ClaimMilestones.NONE;
        versions.add(Claims.claim(id, ClaimStatus.SCRUB_PENDING, m, PayerResponse.NONE));
        m = m.scrubbed(ClaimStatus.NEEDS_REVIEW, Claims.SCRUBBED);
        versions.add(Claims.claim(id, ClaimStatus.NEEDS_REVIEW, m, PayerResponse.NONE));
        versions.add(Claims.claim(id, ClaimStatus.SCRUB_PENDING, m, PayerResponse.NONE));
        versions.add(Claims.claim(id, ClaimStatus.READY, m.scrubbed(ClaimStatus.READY, Claims.SCRUBBED), PayerResponse.NONE));
        m = m.submitted(Claims.SUBMITTED);
        PayerResponse sent = PayerResponse.NONE.withSubmission("B1", Claims.SUBMITTED);
        versions.add(Claims.claim(id, ClaimStatus.SUBMITTED, m, sent));
        m = m.answered(ClaimStatus.REJECTED, Claims.ACKNOWLEDGED, List.of());
        versions.add(Claims.claim(id, ClaimStatus.REJECTED, m, sent));
        versions.add(Claims.claim(id, ClaimStatus.SUBMITTED, m, sent));
        m = m.answered(ClaimStatus.PAID, Claims.PAID, List.of());
        versions.add(Claims.claim(id, ClaimStatus.PAID, m, Claims.remitted("90.00", "10.00", "0", List.of())));
        List<StoredClaim> numbered = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            StoredClaim c = versions.get(i);
            numbered.add(new StoredClaim(c.claim(), c.noteId(), c.noteSignedAt(), c.status(), c.queued(), c.createdAt(), i + 1,
                    c.response(), c.milestones()));
        }
        return numbered;
    }

    @Test
    void changesHeldTogetherAreWrittenPerPracticeAfterTheWorkAndNotAtAllWhenItFails() {
        List<String> practices = new ArrayList<>();
        List<StoredClaim> life = life("c1");
        service.together(() -> {
            life.forEach(c -> service.claimChanged("p1", new ClaimSnapshot(c, Claims.SCRUBBED)));
            service.claimChanged("p2", new ClaimSnapshot(life.get(3), Claims.SCRUBBED));
            assertThat(store.aggregates("p1")).as("held back while the work runs").isEmpty();
            assertThat(store.writes).isZero();
            return null;
        }, practices::add);
        assertThat(practices).containsExactly("p1", "p2");
        InMemoryReportingStore oneAtATime = new InMemoryReportingStore();
        ReportingService direct = new ReportingService(oneAtATime, Stubs.practice(PracticeSettings.defaults()), Stubs.claims(Map.of()),
                new Contributions(ReportingRules.load()), Clock.systemUTC());
        life.forEach(c -> direct.claimChanged("p1", new ClaimSnapshot(c, Claims.SCRUBBED)));
        assertThat(store.aggregates("p1")).isEqualTo(oneAtATime.aggregates("p1")).isNotEmpty();
        assertThat(store.work("p1")).isEqualTo(oneAtATime.work("p1"));

        assertThatThrownBy(() -> service.together(() -> {
            service.claimChanged("p3", new ClaimSnapshot(life.get(3), Claims.SCRUBBED));
            throw new IllegalStateException("the batch broke");
        }, practices::add)).hasMessage("the batch broke");
        assertThat(store.aggregates("p3")).as("what the failed work held is not written").isEmpty();
        service.claimChanged("p3", new ClaimSnapshot(life.get(3), Claims.SCRUBBED));
        assertThat(store.aggregates("p3")).as("and nothing is held after it").isNotEmpty();
    }

    @Test
    void anyOrderAndAnyRepetitionOfAClaimsChangesEndsAsItsLatestStateAlone() {
        List<StoredClaim> life = life("c1");
        InMemoryReportingStore latestOnly = new InMemoryReportingStore();
        new ReportingService(latestOnly, Stubs.practice(PracticeSettings.defaults()), Stubs.claims(Map.of()),
                new Contributions(ReportingRules.load()), Clock.systemUTC())
                .claimChanged("p1", new ClaimSnapshot(life.get(life.size() - 1), Claims.SCRUBBED));

        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<StoredClaim> deliveries = new ArrayList<>(life);
            deliveries.addAll(life.subList(0, random.nextInt(life.size()))); // duplicates
            Collections.shuffle(deliveries, random);
            String practice = "p" + round;
            deliveries.forEach(c -> service.claimChanged(practice, new ClaimSnapshot(c, Claims.SCRUBBED)));
            assertThat(store.aggregates(practice)).isEqualTo(latestOnly.aggregates("p1"));
            assertThat(store.work(practice)).isEqualTo(latestOnly.work("p1"));
        }
    }

    @Test
    void inOrderTheWorklistFollowsTheClaimAndTheFirstScrubIsCountedOnce() {
        List<StoredClaim> life = life("c1");
        service.claimChanged("p1", new ClaimSnapshot(life.get(1), Claims.SCRUBBED));
        assertThat(store.work("p1").values()).extracting(WorkItem::kind).containsExactly(WorkItem.Kind.REVIEW);
        service.claimChanged("p1", new ClaimSnapshot(life.get(3), Claims.SCRUBBED));
        assertThat(store.work("p1").values()).extracting(WorkItem::kind).containsExactly(WorkItem.Kind.UNSUBMITTED);
        service.claimChanged("p1", new ClaimSnapshot(life.get(5), Claims.SCRUBBED));
        assertThat(store.work("p1").values()).extracting(WorkItem::kind).containsExactly(WorkItem.Kind.REJECTED);
        service.claimChanged("p1", new ClaimSnapshot(life.get(7), Claims.SCRUBBED));
        assertThat(store.work("p1")).isEmpty();
        Map<String, java.math.BigDecimal> day = store.aggregates("p1").get(new Aggregate(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 11, 16)));
        assertThat(day).containsEntry(Metric.SCRUBBED, java.math.BigDecimal.ONE).doesNotContainKey(Metric.CLEAN);
        int writes = store.writes;
        service.claimChanged("p1", new ClaimSnapshot(life.get(7), Claims.SCRUBBED));
        service.claimChanged("p1", new ClaimSnapshot(life.get(2), Claims.SCRUBBED));
        assertThat(store.writes).isEqualTo(writes);
    }

    @Test
    void aNoteAndItsAppointmentMeetInTheSessionWhicheverComesFirst() {
        LocalDateTime start = LocalDateTime.of(2026, 12, 1, 9, 0);
        Appointment completed = new Appointment("a1", "p1", "pt-1", "97110", start, 45, AppointmentStatus.COMPLETED, null, null,
                Instant.parse("2026-11-20T10:00:00Z"), "desk", 4);
        Note signed = new Note("n1", "a1", "p1", "pt-1", NoteStatus.SIGNED, start.toLocalDate(), "11", null, false, List.of("M5450"),
                List.of(), List.of(), Instant.parse("2026-12-01T15:00:00Z"), "pt-1", Instant.parse("2026-12-01T16:00:00Z"), "pt-1", 2);

        service.noteChanged("x", signed);
        service.appointmentChanged("x", completed, null);
        service.appointmentChanged("y", completed, null);
        assertThat(store.work("y").values()).extracting(WorkItem::kind)
                .containsExactly(WorkItem.Kind.NOTE_MISSING);
        service.noteChanged("y", signed);

        assertThat(store.aggregates("x")).isEqualTo(store.aggregates("y"));
        // no session leaks; the signed note has no claim yet
        assertThat(store.work("x").values()).extracting(WorkItem::kind).containsExactly(WorkItem.Kind.CLAIM_MISSING);
        assertThat(store.work("y")).isEqualTo(store.work("x"));
        service.captureRecorded("x", new org.therapyops.billing.charges.CaptureRecord("n1", org.therapyops.billing.charges.CaptureRecord.Outcome.CHARGED,
                List.of("c1"), List.of(), Instant.parse("2026-12-01T16:00:01Z")));
        assertThat(store.work("x")).isEmpty();
    }
}
