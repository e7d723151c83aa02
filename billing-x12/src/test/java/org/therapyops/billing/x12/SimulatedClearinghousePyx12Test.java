package org.therapyops.billing.x12;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.therapyops.billing.Claim;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Options;
import org.therapyops.billing.x12.sim.SimulatedClearinghouse.Responses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every response the simulated clearinghouse writes, for batches of every outcome, judged by pyx12: zero errors. */
class SimulatedClearinghousePyx12Test {

    @BeforeAll
    static void installPyx12() throws Exception {
        Pyx12.ensureInstalled();
    }

    /** Batches by name: each outcome alone, all mixed over two billing providers, the largest claim. */
    static Map<String, List<Claim>> batches() {
        Map<String, List<Claim>> batches = new LinkedHashMap<>();
        batches.put("paid", List.of(Claims.combined()));
        batches.put("partial", List.of(Claims.withMember(Claims.twelveDiagnoses(), "P-1", "PARTIAL_1")));
        batches.put("denied", List.of(Claims.withMember(Claims.priorAuthorization(), "D-1", "DENIED_1")));
        batches.put("rejected", List.of(Claims.withMember(Claims.oneLine(), "R-1", "REJECTED_1")));
        List<Claim> mixed = new ArrayList<>();
        String[] prefixes = {"PAID_", "PARTIAL_", "DENIED_", "REJECTED_", "", "partial"};
        List<Claim> several = Claims.severalPatients();
        for (int i = 0; i < several.size(); i++) {
            mixed.add(Claims.withMember(several.get(i), "M-" + i, prefixes[i] + several.get(i).subscriber().memberId()));
        }
        batches.put("mixed", mixed);
        batches.put("fifty-lines", List.of(Claims.withMember(Claims.fiftyLines(), "F-1", "PARTIAL_50")));
        return batches;
    }

    record Response(String name, String x12, String map) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Response> responses() {
        List<Response> all = new ArrayList<>();
        for (Map.Entry<String, List<Claim>> batch : batches().entrySet()) {
            Responses r = SimulatedClearinghouse.respond(Files.write(batch.getValue()), Claims.CLOCK);
            all.add(new Response(batch.getKey() + "-999", r.ack999(), "999.5010X231.A1.xml"));
            all.add(new Response(batch.getKey() + "-277ca", r.ack277ca(), "277.5010.X214.xml"));
            if (r.era835() != null) {
                all.add(new Response(batch.getKey() + "-835", r.era835(), "835.5010.X221.A1.xml"));
            }
        }
        Responses rejected = SimulatedClearinghouse.respond(Files.write(List.of(Claims.combined())), Claims.CLOCK,
                Options.rejecting999());
        all.add(new Response("batch-rejected-999", rejected.ack999(), "999.5010X231.A1.xml"));
        String unbalanced = Files.write(List.of(Claims.oneLine())).replace("~CLM*CLM0001*120*", "~CLM*CLM0001*99*");
        all.add(new Response("unbalanced-277ca", SimulatedClearinghouse.respond(unbalanced, Claims.CLOCK).ack277ca(),
                "277.5010.X214.xml"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void pyx12AcceptsEveryResponse(Response response) throws Exception {
        Pyx12.Verdict verdict = Pyx12.validate(Files.save("sim/" + response.name(), response.x12()));

        assertThat(verdict.maps()).as(verdict.output()).containsExactly(response.map());
        assertThat(verdict.errors()).as(verdict.output()).isEmpty();
        assertThat(verdict.statusOk()).as(verdict.output()).isTrue();
        assertThat(verdict.accepted()).as(verdict.output()).isTrue();
    }
}
