package org.therapyops.billing.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.therapyops.billing.Claim;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.billing.scrub.CodeSets;
import org.therapyops.billing.scrub.ScrubContext;
import org.therapyops.billing.scrub.ScrubResult;
import org.therapyops.billing.scrub.ScrubStatus;
import org.therapyops.billing.scrub.Scrubber;
import org.therapyops.billing.scrub.rules.ScrubRules;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.service.PayerRulesResolver;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Claims scrubbed per second: one four-line Medicare claim through every rule of {@link Scrubber#withAllRules()}
 * under the Medicare profile, with the patient's three earlier claims of the month for the duplicate check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScrubBenchmark {

    private Scrubber scrubber;
    private Claim claim;
    private ScrubContext context;

    @Setup
    public void setUp() {
        scrubber = ScrubRules.scrubber();
        CodeSets codeSets = CodeSets.shipped();
        PayerRules medicare = PayerRulesResolver.shipped().rulesFor(new Payer("payer-medicare", "Medicare Part B", "MCRB1",
                PayerType.MEDICARE, java.time.Instant.EPOCH, 1), Inputs.DOS).orElseThrow();
        claim = Inputs.medicareClaim("claim-4", 7, Inputs.DOS);
        List<Claim> earlier = List.of(Inputs.medicareClaim("claim-1", 7, Inputs.DOS.minusDays(14)),
                Inputs.medicareClaim("claim-2", 7, Inputs.DOS.minusDays(10)),
                Inputs.medicareClaim("claim-3", 7, Inputs.DOS.minusDays(7)));
        Coverage coverage = new Coverage("coverage-7", "patient-7", "payer-medicare", Inputs.mbi(7),
                CoveragePriority.PRIMARY, LocalDate.of(2026, 1, 1), null, Instant.parse("2026-01-01T00:00:00Z"), 1);
        context = new ScrubContext(medicare, codeSets, KxThresholds.load(), coverage, List.of(), earlier, Inputs.DOS.plusDays(2),
                Set.of("97110", "97112", "97140", "97161", "97164", "97530"),
                new TherapyYearToDate(2026, new BigDecimal("2400.00"), BigDecimal.ZERO), TelehealthMode.IN_PERSON);

        ScrubResult result = scrubber.scrub(claim, context);
        ChargeCaptureBenchmark.check(result.status() == ScrubStatus.READY && result.findings().isEmpty()
                && scrubber.rules().size() >= 25, "READY with no finding under every rule", result);
    }

    @Benchmark
    public void scrub(Blackhole bh) {
        bh.consume(scrubber.scrub(claim, context));
    }
}
