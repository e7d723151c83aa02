package org.therapyops.billing.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.therapyops.billing.Claim;
import org.therapyops.billing.x12.InMemoryControlNumbers;
import org.therapyops.billing.x12.Receiver;
import org.therapyops.billing.x12.Submitter;
import org.therapyops.billing.x12.X12_837P;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Claims written per second: one 837P interchange of {@value #CLAIMS} four-line Medicare claims per invocation
 * (40 patients, one billing provider), counted as {@value #CLAIMS} operations, so the score is claims per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class X12_837PBenchmark {

    static final int CLAIMS = 100;

    private List<Claim> claims;
    private Submitter submitter;
    private Receiver receiver;
    private InMemoryControlNumbers controlNumbers;
    private Clock clock;
    private ByteArrayOutputStream out;

    @Setup
    public void setUp() {
        claims = Inputs.batch(CLAIMS);
        submitter = new Submitter("practice-1", "Riverside Therapy Group", "RTG0001", "Billing Office",
                "(555) 010-2000", "billing@riverside.example");
        receiver = new Receiver("Example Clearinghouse", "CLEARHOUSE01", false);
        controlNumbers = new InMemoryControlNumbers();
        clock = Clock.fixed(Instant.parse("2026-06-22T14:05:00Z"), ZoneOffset.UTC);
        out = new ByteArrayOutputStream(1 << 16);

        X12_837P.Interchange interchange = write();
        String x12 = out.toString(StandardCharsets.US_ASCII);
        long clm = x12.split("~CLM\\*", -1).length - 1;
        ChargeCaptureBenchmark.check(interchange.claimCount() == CLAIMS && clm == CLAIMS && x12.endsWith("~"),
                CLAIMS + " CLM segments in one interchange", interchange + ", " + clm + " CLM");
    }

    @Benchmark
    @OperationsPerInvocation(CLAIMS)
    public void write(Blackhole bh) {
        bh.consume(write());
        bh.consume(out.size());
    }

    private X12_837P.Interchange write() {
        out.reset();
        return X12_837P.write(claims, submitter, receiver, controlNumbers, out, clock, claim -> "MB");
    }
}
