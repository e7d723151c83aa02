package org.therapyops.billing.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.RemittancePosting;
import org.therapyops.billing.x12.InMemoryControlNumbers;
import org.therapyops.billing.x12.InboundInterchange;
import org.therapyops.billing.x12.Receiver;
import org.therapyops.billing.x12.Submitter;
import org.therapyops.billing.x12.X12Reader;
import org.therapyops.billing.x12.X12_837P;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Claims read (and read, balanced and matched) per second from an 835: one ERA of {@value #CLAIMS} four-line Medicare claims (a quarter of the
 * patients paid in part, a quarter denied, the rest paid in full), written once in {@code @Setup} by the simulated
 * clearinghouse, read by {@link X12Reader} per invocation, counted as {@value #CLAIMS} operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class X12_835ReadBenchmark {

    static final int CLAIMS = 1_000;

    private String era;
    /** The submitted claims the ERA pays, by patient control number, as the Claims table's index would find them. */
    private Map<String, StoredClaim> submitted;

    @Setup
    public void setUp() {
        List<Claim> claims = new ArrayList<>();
        for (Claim claim : Inputs.batch(CLAIMS)) {
            claims.add(withOutcome(claim));
        }
        submitted = new HashMap<>();
        for (Claim claim : claims) {
            submitted.put(ClaimControlNumbers.patientControlNumber(claim.id()), new StoredClaim(claim, "note-" + claim.id(), null,
                    ClaimStatus.SUBMITTED, true, Instant.parse("2026-06-22T14:00:00Z"), 3));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        Clock clock = Clock.fixed(Instant.parse("2026-06-22T14:05:00Z"), ZoneOffset.UTC);
        X12_837P.write(claims, new Submitter("practice-1", "Riverside Therapy Group", "RTG0001", "Billing Office",
                "(555) 010-2000", "billing@riverside.example"), new Receiver("Example Clearinghouse", "CLEARHOUSE01",
                false), new InMemoryControlNumbers(), out, clock, claim -> "MB");
        era = SimulatedClearinghouse.respond(out.toString(StandardCharsets.US_ASCII), clock).era835();

        InboundInterchange read = read();
        int paid = read.remittances().stream().mapToInt(r -> r.claims().size()).sum();
        long denied = read.remittances().stream().flatMap(r -> r.claims().stream())
                .filter(c -> c.statusCode().equals("4")).count();
        ChargeCaptureBenchmark.check(paid == CLAIMS && denied > 0 && denied < CLAIMS,
                CLAIMS + " CLP loops, some denied", paid + " CLP, " + denied + " denied");
        long posted = readAndMatch835().stream().filter(d -> d instanceof RemittancePosting.Decision.Post).count();
        ChargeCaptureBenchmark.check(posted == CLAIMS, "every claim payment balanced and matched", posted + " posted");
    }

    /** Patients 1, 5, 9… are paid in part, 2, 6, 10… denied: the simulator reads the member id's prefix. */
    private static Claim withOutcome(Claim claim) {
        Subscriber s = claim.subscriber();
        int patient = Integer.parseInt(claim.patientId().substring("patient-".length()));
        String prefix = patient % 4 == 1 ? "PARTIAL_" : patient % 4 == 2 ? "DENIED_" : "";
        Subscriber subscriber = new Subscriber(prefix + s.memberId(), s.lastName(), s.firstName(), s.birthDate(),
                s.sex(), s.address());
        return claim.toBuilder().subscriber(subscriber).originalReference(null).build();
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public List<Remittance> read835() {
        return read().remittances();
    }

    /**
     * What the inbound function decides per claim payment, without storage: the ERA read, each balanced, matched to its
     * claim by patient control number and its lines by REF*6R, and its posting, status and totals computed.
     */
    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public List<RemittancePosting.Decision> readAndMatch835() {
        List<RemittancePosting.Decision> decisions = new ArrayList<>(CLAIMS);
        Instant now = Instant.parse("2026-06-30T12:00:00Z");
        for (Remittance remittance : read().remittances()) {
            String eraId = RemittancePosting.eraId(remittance.payment());
            if (!RemittancePosting.eraProblems(remittance).isEmpty()) {
                throw new IllegalStateException("the ERA does not balance");
            }
            for (int i = 0; i < remittance.claims().size(); i++) {
                StoredClaim claim = submitted.get(remittance.claims().get(i).patientControlNumber());
                decisions.add(RemittancePosting.decide(claim, remittance, i, eraId, "dlv-bench", now));
            }
        }
        return decisions;
    }

    private InboundInterchange read() {
        return X12Reader.read(era);
    }
}
