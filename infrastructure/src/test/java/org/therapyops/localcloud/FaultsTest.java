package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fault settings as files and flags give them, and decisions reproducible from the seed. */
class FaultsTest {

    @Test
    void noneInjectsNothing() {
        assertThat(Faults.none().any()).isFalse();
        assertThat(Faults.none().rates("dynamodb")).isEqualTo(Faults.Rates.NONE);
    }

    @Test
    void keysSetWhatTheySay() {
        Faults f = Faults.none().set("seed", "42").set("duplicates", "true").set("crash", "0.25")
                .set("aws.throttle", "0.01").set("dynamodb.error", "0.02").set("sqs.timeout", "0.03").set("s3.latency", "0.5")
                .set("dynamodb.lost", "0.04")
                .set("latency.max", "80").set("sdk.timeout", "1500").set("parallelization", "3");
        assertThat(f.seed()).isEqualTo(42);
        assertThat(f.duplicates()).isTrue();
        assertThat(f.crashRate()).isEqualTo(0.25);
        assertThat(f.rates("dynamodb")).isEqualTo(new Faults.Rates(0.01, 0.02, 0, 0, 0.04));
        assertThat(f.rates("sqs")).isEqualTo(new Faults.Rates(0.01, 0, 0.03, 0));
        assertThat(f.rates("s3")).isEqualTo(new Faults.Rates(0.01, 0, 0, 0.5));
        assertThat(f.rates("ses")).isEqualTo(new Faults.Rates(0.01, 0, 0, 0));
        assertThat(f.latencyMax().toMillis()).isEqualTo(80);
        assertThat(f.sdkTimeout().toMillis()).isEqualTo(1500);
        assertThat(f.parallelizationFactor()).isEqualTo(3);
        assertThat(f.timeouts()).isTrue();
        assertThat(f.any()).isTrue();
    }

    @Test
    void aFileMayStartFromThePresetAndOverrideIt() throws Exception {
        Path file = Files.createTempFile("faults", ".properties");
        Files.writeString(file, "# every fault, but no crash\nsdk.timeout=900\ncrash=0\npreset=chaos\nseed=9\n");
        Faults f = Faults.load(file);
        assertThat(f.seed()).isEqualTo(9);
        assertThat(f.crashRate()).isZero();
        assertThat(f.duplicates()).isTrue();
        assertThat(f.sdkTimeout().toMillis()).isEqualTo(900);
        assertThat(f.rates("ses").throttle()).isPositive();
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> Faults.none().set("crash", "2")).hasMessageContaining("crash");
        assertThatThrownBy(() -> Faults.none().set("dynamodb.throttle", "0.7").set("dynamodb.error", "0.6"))
                .hasMessageContaining("more than 1");
        assertThatThrownBy(() -> Faults.none().set("kinesis.error", "0.1")).hasMessageContaining("kinesis.error");
        assertThatThrownBy(() -> Faults.none().set("duplicates", "yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> Faults.none().set("seed", "x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Faults.none().set("parallelization", "11")).hasMessageContaining("1-10");
    }

    @Test
    void theSameSeedDrawsTheSameSequencePerPointAnotherSeedAnother() {
        List<Double> a = draws(5, "gate/ApiFunction/dynamodb");
        assertThat(draws(5, "gate/ApiFunction/dynamodb")).isEqualTo(a);
        assertThat(draws(6, "gate/ApiFunction/dynamodb")).isNotEqualTo(a);
        assertThat(draws(5, "gate/ApiFunction/sqs")).isNotEqualTo(a);
        assertThat(a).allSatisfy(d -> assertThat(d).isBetween(0.0, 1.0));
        // About the rate asked for.
        FaultInjector injector = new FaultInjector(Faults.none().seed(3).crashRate(0.2));
        long crashes = java.util.stream.IntStream.range(0, 10_000).filter(i -> injector.crashBatch("F")).count();
        assertThat(crashes).isBetween(1800L, 2200L);
    }

    @Test
    void injectedFaultsAreCountedByKindAndFunction() {
        FaultInjector injector = new FaultInjector(Faults.none().service("sqs", new Faults.Rates(1, 0, 0, 0)));
        assertThat(injector.atGate("NotifierFunction", "sqs").kind()).isEqualTo(FaultInjector.THROTTLE);
        assertThat(injector.atGate("NotifierFunction", "dynamodb")).isNull();
        FaultInjector losing = new FaultInjector(Faults.none().service("dynamodb", new Faults.Rates(0, 0, 0, 0, 1)));
        assertThat(losing.atGate("ApiFunction", "dynamodb").kind()).isEqualTo(FaultInjector.LOST);
        assertThat(losing.status(1).injected()).containsEntry("lostAnswer", java.util.Map.of("ApiFunction", 1L));
        injector.arm("NotifierFunction", 0, () -> { });
        assertThat(injector.afterWrite("NotifierFunction", 1)).as("another instance").isNull();
        assertThat(injector.afterWrite("NotifierFunction", 0)).isNotNull();
        assertThat(injector.afterWrite("NotifierFunction", 0)).as("fires once").isNull();
        Status.FaultsStatus status = injector.status(0.5);
        assertThat(status.injected()).containsEntry(FaultInjector.THROTTLE, java.util.Map.of("NotifierFunction", 1L))
                .containsEntry(FaultInjector.CRASH, java.util.Map.of("NotifierFunction", 1L));
        assertThat(status.total()).isEqualTo(2);
        assertThat(status.timeScale()).isEqualTo(0.5);
    }

    private static List<Double> draws(long seed, String point) {
        FaultInjector injector = new FaultInjector(Faults.none().seed(seed));
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(injector.draw(point));
        }
        return out;
    }
}
