package org.therapyops.billing.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.therapyops.billing.Charge;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.charges.CaptureResult;
import org.therapyops.billing.charges.ChargeCapture;
import org.therapyops.billing.charges.CodeCatalog;
import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.billing.charges.KxThresholds;
import org.therapyops.billing.charges.TherapyYearToDate;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerType;
import org.therapyops.payer.PayerRules;
import org.therapyops.payer.service.PayerRulesResolver;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Notes charged per second: one signed PT note with four timed lines through {@link ChargeCapture#capture}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChargeCaptureBenchmark {

    private SignedNote note;
    private PayerRules medicare;
    private KxThresholds kxThresholds;
    private FeeSchedule fees;
    private CodeCatalog catalog;
    private TherapyYearToDate yearToDate;

    @Setup
    public void setUp() {
        catalog = CodeCatalog.load();
        fees = FeeSchedule.loadSample();
        note = Inputs.ptNote();
        medicare = PayerRulesResolver.shipped().rulesFor(new Payer("payer-medicare", "Medicare Part B", "MCRB1",
                PayerType.MEDICARE, java.time.Instant.EPOCH, 1), note.dateOfService()).orElseThrow();
        kxThresholds = KxThresholds.load();
        // $2,350 of PT so far against 2026's $2,480: the note crosses the threshold, so every line takes KX.
        yearToDate = new TherapyYearToDate(2026, new BigDecimal("2350.00"), BigDecimal.ZERO);

        List<Charge> charges = ((CaptureResult.Captured) capture()).chargeLines();
        check(charges.stream().mapToInt(Charge::units).sum() == 5, "5 units by the 8-minute rule", charges);
        check(charges.size() == 4 && charges.stream().allMatch(c -> c.modifiers().equals(List.of("GP", "KX"))),
                "KX on every line", charges);
    }

    @Benchmark
    public void capture(Blackhole bh) {
        bh.consume(capture());
    }

    private CaptureResult capture() {
        return ChargeCapture.capture(note, medicare, kxThresholds, fees, catalog, yearToDate);
    }

    static void check(boolean ok, String expected, Object actual) {
        if (!ok) {
            throw new IllegalStateException("benchmark input is not on the normal path: expected " + expected
                    + ", got " + actual);
        }
    }
}
