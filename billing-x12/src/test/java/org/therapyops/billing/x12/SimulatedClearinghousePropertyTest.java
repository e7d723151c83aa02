package org.therapyops.billing.x12;

import org.junit.jupiter.api.Test;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.acknowledgement.ClaimAcknowledgementReport.ClaimStatusReport;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.Remittance.Adjustment;
import org.therapyops.billing.remittance.Remittance.ClaimPayment;
import org.therapyops.billing.remittance.Remittance.ServicePayment;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Outcome;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Responses;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random batches (seeded, so a failure repeats): whatever the claims, the simulator's 835 balances, pays exactly the
 * claims the 277CA accepted, applies each outcome's rule to every line, and echoes every line's REF*6R.
 */
class SimulatedClearinghousePropertyTest {

    private static final String[] CODES = {"97110", "97112", "97140", "97530", "97116", "97161", "92507", "97535"};
    private static final String[] MODIFIERS = {"GP", "59", "KX", "95", "GO", "CQ"};
    private static final String[] PREFIXES = {"PAID_", "PARTIAL_", "DENIED_", "REJECTED_", "", "partial", "Denied",
            "rejected_"};

    static List<Claim> randomBatch(Random random, int batch) {
        int claims = 1 + random.nextInt(12);
        List<Claim> result = new ArrayList<>();
        for (int c = 0; c < claims; c++) {
            int lineCount = random.nextInt(8) == 0 ? 1 + random.nextInt(Claim.MAX_LINES) : 1 + random.nextInt(5);
            List<Charge> lines = new ArrayList<>();
            for (int l = 0; l < lineCount; l++) {
                List<String> modifiers = new ArrayList<>();
                for (String m : MODIFIERS) {
                    if (modifiers.size() < 4 && random.nextInt(4) == 0) {
                        modifiers.add(m);
                    }
                }
                int units = 1 + random.nextInt(8);
                lines.add(new Charge(CODES[random.nextInt(CODES.length)], modifiers, units, units * 15, List.of(1),
                        amount(random), "t-1", Claims.DOS.minusDays(random.nextInt(10)), "11"));
            }
            String prefix = PREFIXES[random.nextInt(PREFIXES.length)];
            Subscriber subscriber = new Subscriber(prefix + "M" + batch + "X" + c, "Rivera", "Alex",
                    java.time.LocalDate.of(1950 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    "F", Claims.PAT_1.address());
            Party billing = random.nextInt(3) == 0 ? Claims.BILLING_2 : Claims.BILLING;
            result.add(Claims.claim("B" + batch + "C" + c, subscriber, billing, billing, null, ClaimFrequency.ORIGINAL,
                    null, null, "11", List.of("M54.50"), lines));
        }
        return result;
    }

    /** Mostly cents, sometimes whole dollars, a cent, zero, or a large fee. */
    private static BigDecimal amount(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> BigDecimal.valueOf(1 + random.nextInt(500));
            case 1 -> new BigDecimal("0.01");
            case 2 -> BigDecimal.ZERO;
            case 3 -> BigDecimal.valueOf(100_000 + random.nextInt(900_000), 2);
            default -> BigDecimal.valueOf(1 + random.nextInt(40_000), 2);
        };
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void everyRandomBatchBalancesAndFollowsTheRules() {
        Random random = new Random(20261127);
        int claimsSeen = 0;
        Map<Outcome, Integer> outcomes = new HashMap<>();
        for (int batch = 0; batch < 300; batch++) {
            List<Claim> claims = randomBatch(random, batch);
            Responses responses = SimulatedClearinghouse.respond(Files.write(claims), Claims.CLOCK);

            List<ClaimStatusReport> statuses = X12Reader.read(responses.ack277ca()).claimAcknowledgements().get(0)
                    .claims();
            List<Remittance> eras = responses.era835() == null ? List.of()
                    : X12Reader.read(responses.era835()).remittances();
            eras.forEach(Balance::assertBalanced);
            Map<String, ClaimPayment> payments = new HashMap<>();
            for (Remittance era : eras) {
                BigDecimal total = era.claims().stream().map(ClaimPayment::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(era.payment().handlingCode()).isEqualTo(total.signum() == 0 ? "H" : "I");
                assertThat(era.claims()).extracting(p -> p.payerClaimControlNumber()).doesNotContainNull();
                era.claims().forEach(p -> assertThat(payments.put(p.patientControlNumber(), p)).isNull());
            }
            assertThat(statuses).hasSameSizeAs(claims);

            for (Claim claim : claims) {
                String pcn = X12_837P.patientControlNumber(claim.id());
                Outcome outcome = Outcome.of(claim.subscriber().memberId());
                outcomes.merge(outcome, 1, Integer::sum);
                claimsSeen++;
                ClaimStatusReport status = statuses.stream().filter(s -> s.patientControlNumber().equals(pcn))
                        .findFirst().orElseThrow();
                assertThat(status.rejected()).isEqualTo(outcome == Outcome.REJECTED);
                ClaimPayment payment = payments.get(pcn);
                if (outcome == Outcome.REJECTED) {
                    assertThat(payment).isNull();
                    continue;
                }
                assertThat(payment).as(pcn).isNotNull();
                assertThat(payment.payerClaimControlNumber()).isEqualTo(status.payerClaimControlNumber());
                assertThat(payment.statusCode()).isEqualTo(outcome == Outcome.DENIED ? "4" : "1");
                assertThat(payment.charge()).isEqualByComparingTo(claim.totalCharge());
                assertThat(payment.patientResponsibility()).isEqualByComparingTo(Balance.patientResponsibility(payment));
                assertThat(payment.paid().signum()).isNotNegative();
                assertThat(payment.services()).hasSameSizeAs(claim.lines());
                for (int n = 1; n <= claim.lines().size(); n++) {
                    assertLine(outcome, claim, n, payment.services().get(n - 1));
                }
            }
        }
        assertThat(claimsSeen).isGreaterThan(1000);
        assertThat(outcomes).containsOnlyKeys(Outcome.values());
    }

    private static void assertLine(Outcome outcome, Claim claim, int n, ServicePayment service) {
        Charge line = claim.lines().get(n - 1);
        assertThat(service.lineItemControlNumber()).isEqualTo(X12_837P.lineItemControlNumber(claim.id(), n));
        assertThat(service.charge()).isEqualByComparingTo(line.amount());
        assertThat(service.adjustments()).allSatisfy(a -> assertThat(a.amount().signum()).isPositive());
        boolean bundled = outcome == Outcome.PARTIAL && n == claim.lines().size() && n > 1;
        if (outcome == Outcome.PAID) {
            assertThat(service.paid()).isEqualByComparingTo(line.amount());
            assertThat(service.adjustments()).isEmpty();
        } else if (outcome == Outcome.DENIED || bundled) {
            assertThat(service.paid()).isZero();
            assertThat(service.adjustments()).extracting(Adjustment::group, Adjustment::reason)
                    .allSatisfy(t -> assertThat(t.toList()).containsExactly("CO", bundled ? "97" : "197"));
        } else {
            BigDecimal allowed = cents(line.amount().multiply(new BigDecimal("0.8")));
            BigDecimal coinsurance = cents(allowed.multiply(new BigDecimal("0.2")));
            assertThat(service.allowed()).isEqualByComparingTo(allowed);
            assertThat(service.paid()).isEqualByComparingTo(allowed.subtract(coinsurance));
            assertThat(Balance.sum(service.adjustments().stream().filter(a -> a.group().equals("CO")).toList()))
                    .isEqualByComparingTo(line.amount().subtract(allowed));
            assertThat(Balance.sum(service.adjustments().stream().filter(a -> a.group().equals("PR")).toList()))
                    .isEqualByComparingTo(coinsurance);
        }
    }

    @Test
    void randomBatchesPassPyx12() throws Exception {
        Pyx12.ensureInstalled();
        Random random = new Random(835);
        for (int batch = 0; batch < 6; batch++) {
            Responses responses = SimulatedClearinghouse.respond(Files.write(randomBatch(random, batch)), Claims.CLOCK);
            List<String> outputs = new ArrayList<>(List.of(responses.ack999(), responses.ack277ca()));
            if (responses.era835() != null) {
                outputs.add(responses.era835());
            }
            for (int i = 0; i < outputs.size(); i++) {
                Pyx12.Verdict verdict = Pyx12.validate(Files.save("sim/random-" + batch + "-" + i, outputs.get(i)));
                assertThat(verdict.accepted()).as(verdict.output()).isTrue();
            }
        }
    }
}
