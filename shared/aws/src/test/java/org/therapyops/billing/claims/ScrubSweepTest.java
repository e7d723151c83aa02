package org.therapyops.billing.claims;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.dynamodb.DynamoClaimRepository;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The scrub sweep on moto: every unqueued claim is sent and marked; a failed send leaves its claim for the next sweep. */
class ScrubSweepTest {

    private static DynamoClaimRepository claims;
    private static String table;

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        table = moto.createBillingTables().claims();
        claims = new DynamoClaimRepository(moto.dynamo(), table);
    }

    @Test
    void sendsAndMarksEachClaimAndLeavesOneWhoseSendFailedUnmarked() {
        String practice = "practice-" + UUID.randomUUID();
        for (String id : List.of("c-1", "c-2", "c-3")) {
            Moto.shared().dynamo().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(practice),
                    "sk", AttributeValue.fromS("CLAIM#" + id), "id", AttributeValue.fromS(id), "queued", AttributeValue.fromBool(false))));
        }
        List<String> sent = new ArrayList<>();
        ScrubSweep sweep = new ScrubSweep(each -> List.of("c-1", "c-2", "c-3").forEach(id -> each.accept(practice, id)),
                (p, id) -> {
                    if (id.equals("c-2")) {
                        throw new IllegalStateException("queue unavailable");
                    }
                    sent.add(p + "/" + id);
                }, claims);

        ScrubSweep.Result result = sweep.run();

        assertThat(result).isEqualTo(new ScrubSweep.Result(2, 1));
        assertThat(sent).containsExactly(practice + "/c-1", practice + "/c-3");
        assertThat(queued(practice, "c-1")).isTrue();
        assertThat(queued(practice, "c-2")).as("left for the next sweep").isFalse();
        assertThat(queued(practice, "c-3")).isTrue();
    }

    private static boolean queued(String practice, String id) {
        return Moto.shared().dynamo().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of("pk",
                AttributeValue.fromS(practice), "sk", AttributeValue.fromS("CLAIM#" + id)))).item().get("queued").bool();
    }
}
