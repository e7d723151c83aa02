package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final CapacityRules.IndexDef BY_START = new CapacityRules.IndexDef("ByStart", true, "pk", "startKey", "ALL", List.of());
    private static final CapacityRules.IndexDef BY_AUTH = new CapacityRules.IndexDef("ByAuthorization", true, "authorizationKey",
            "startKey", "ALL", List.of());
    private static final CapacityRules.IndexDef KEYS_ONLY = new CapacityRules.IndexDef("ByStatus", true, "status", null,
            "KEYS_ONLY", List.of());
    private static final CapacityRules.TableDef APPOINTMENTS = new CapacityRules.TableDef("AppointmentsTable", "appointments",
            List.of("pk", "sk"), List.of(BY_START, BY_AUTH));
    private static final Map<String, CapacityRules.TableDef> TABLES = Map.of("appointments", APPOINTMENTS);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String a(int n) {
        return "a".repeat(n);
    }

    // ------------------------------------------------------------------ sizes

    @Test
    void stringsAreNamePlusUtf8Bytes() {
        assertThat(CapacityRules.itemSize(json("{'pk':{'S':'abc'}}"))).isEqualTo(2 + 3);
        assertThat(CapacityRules.itemSize(json("{'n':{'S':'é€'}}"))).isEqualTo(1 + 2 + 3);
    }

    @Test
    void numbersAreOneBytePerTwoSignificantDigitsPlusOne() {
        assertThat(CapacityRules.numberSize("1")).isEqualTo(2);
        assertThat(CapacityRules.numberSize("12")).isEqualTo(2);
        assertThat(CapacityRules.numberSize("123")).isEqualTo(3);
        assertThat(CapacityRules.numberSize("1000")).isEqualTo(2);      // trailing zeroes trimmed
        assertThat(CapacityRules.numberSize("0.0012")).isEqualTo(2);    // leading zeroes trimmed
        assertThat(CapacityRules.numberSize("12345678901234567890123456789012345678")).isEqualTo(20);
        assertThat(CapacityRules.itemSize(json("{'version':{'N':'7'}}"))).isEqualTo(7 + 2);
    }

    @Test
    void binaryBooleanAndNull() {
        assertThat(CapacityRules.itemSize(json("{'b':{'B':'AAEC'}}"))).isEqualTo(1 + 3); // 3 raw bytes, not 4 base64 chars
        assertThat(CapacityRules.itemSize(json("{'ok':{'BOOL':true}}"))).isEqualTo(2 + 1);
        assertThat(CapacityRules.itemSize(json("{'x':{'NULL':true}}"))).isEqualTo(1 + 1);
    }

    @Test
    void listsAndMapsCostThreeBytesPlusOnePerElement() {
        assertThat(CapacityRules.itemSize(json("{'l':{'L':[]}}"))).isEqualTo(1 + 3);
        assertThat(CapacityRules.itemSize(json("{'l':{'L':[{'S':'ab'},{'N':'1'}]}}"))).isEqualTo(1 + 3 + (2 + 1) + (2 + 1));
        assertThat(CapacityRules.itemSize(json("{'slots':{'M':{'id1':{'S':'09:00-09:45'}}}}")))
                .isEqualTo(5 + 3 + (3 + 11 + 1));
    }

    @Test
    void setsAreTheSumOfTheirElements() {
        assertThat(CapacityRules.itemSize(json("{'ss':{'SS':['ab','c']}}"))).isEqualTo(2 + 3);
        assertThat(CapacityRules.itemSize(json("{'ns':{'NS':['1','123']}}"))).isEqualTo(2 + 2 + 3);
    }

    // ------------------------------------------------------------------ units

    @Test
    void readsArePerStartedFourKilobytesHalvedWhenEventual() {
        assertThat(CapacityRules.readUnits(0, true)).isEqualTo(1);
        assertThat(CapacityRules.readUnits(4096, true)).isEqualTo(1);
        assertThat(CapacityRules.readUnits(4097, true)).isEqualTo(2);
        assertThat(CapacityRules.readUnits(3500, false)).isEqualTo(0.5);
        assertThat(CapacityRules.readUnits(10 * 1024, false)).isEqualTo(1.5);
    }

    @Test
    void writesArePerStartedKilobyte() {
        assertThat(CapacityRules.writeUnits(0)).isEqualTo(1);
        assertThat(CapacityRules.writeUnits(1024)).isEqualTo(1);
        assertThat(CapacityRules.writeUnits(1025)).isEqualTo(2);
        assertThat(CapacityRules.writeUnits((long) (1.6 * 1024))).isEqualTo(2);
    }

    // ------------------------------------------------------------------ indexes

    @Test
    void indexWritesFollowTheEntry() {
        JsonNode requested = json("{'pk':{'S':'p'},'sk':{'S':'A#1'},'startKey':{'S':'2026-12-01T09:00#1'},'status':{'S':'REQUESTED'}}");
        JsonNode scheduled = json("{'pk':{'S':'p'},'sk':{'S':'A#1'},'startKey':{'S':'2026-12-01T09:00#1'},'status':{'S':'SCHEDULED'},"
                + "'authorizationKey':{'S':'p#auth'}}");
        JsonNode moved = json("{'pk':{'S':'p'},'sk':{'S':'A#1'},'startKey':{'S':'2026-12-02T09:00#1'},'status':{'S':'SCHEDULED'},"
                + "'authorizationKey':{'S':'p#auth'}}");
        JsonNode day = json("{'pk':{'S':'p'},'sk':{'S':'DAY#1'},'slots':{'M':{}}}");
        // new item in the index: one put
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_START, null, requested)).isEqualTo(1);
        // sparse: not in the index before, nor after
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_AUTH, null, requested)).isZero();
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_START, null, day)).isZero();
        // an index key defined by the update: one put; projected attributes changed: one write
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_AUTH, requested, scheduled)).isEqualTo(1);
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_START, requested, scheduled)).isEqualTo(1);
        // an index key changed: delete + put
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_START, scheduled, moved)).isEqualTo(2);
        // the key attribute removed: one delete
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_AUTH, scheduled, requested)).isEqualTo(1);
        // nothing changed: nothing
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_START, scheduled, scheduled)).isZero();
    }

    @Test
    void indexEntriesAreTheProjectionRoundedToKilobytes() {
        JsonNode big = json("{'pk':{'S':'p'},'sk':{'S':'s'},'startKey':{'S':'k'},'status':{'S':'X'},'notes':{'S':'" + a(3000) + "'}}");
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, BY_START, null, big)).isEqualTo(3);
        // KEYS_ONLY: the table and index keys only
        JsonNode entry = CapacityRules.project(APPOINTMENTS, KEYS_ONLY, big);
        assertThat(entry.fieldNames()).toIterable().containsExactlyInAnyOrder("pk", "sk", "status");
        assertThat(CapacityRules.indexWriteUnits(APPOINTMENTS, KEYS_ONLY, null, big)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ requests

    @Test
    void transactionsDoubleTheTableWritesButNotTheIndexWrites() {
        JsonNode before = json("{'pk':{'S':'p'},'sk':{'S':'A#1'},'startKey':{'S':'k'},'status':{'S':'REQUESTED'},'pad':{'S':'" + a(1100) + "'}}");
        JsonNode after = json("{'pk':{'S':'p'},'sk':{'S':'A#1'},'startKey':{'S':'k'},'status':{'S':'SCHEDULED'},'pad':{'S':'" + a(1100) + "'}}");
        JsonNode audit = json("{'pk':{'S':'p'},'sk':{'S':'AUDIT#1'},'action':{'S':'DECIDE'}}");
        List<CapacityRules.Line> lines = CapacityRules.cost("TransactWriteItems", json("{}"), json("{}"), null, List.of(
                new CapacityRules.Image("appointments", "Update", null, before, after),
                new CapacityRules.Image("appointments", "Put", null, null, audit),
                new CapacityRules.Image("appointments", "ConditionCheck", null, audit, audit)), TABLES);
        assertThat(lines).extracting(CapacityRules.Line::wru).containsExactly(4.0, 2.0, 2.0);
        assertThat(lines).extracting(CapacityRules.Line::indexWru).containsExactly(2.0, 0.0, 0.0); // ByStart update, 2 KB entry
    }

    @Test
    void aCancelledTransactionStillConsumesButWritesNoIndex() {
        JsonNode item = json("{'pk':{'S':'p'},'sk':{'S':'A#1'},'startKey':{'S':'k'}}");
        List<CapacityRules.Line> lines = CapacityRules.cost("TransactWriteItems", json("{}"), json("{}"), "TransactionCanceledException",
                List.of(new CapacityRules.Image("appointments", "Update", null, item, item)), TABLES);
        assertThat(lines.get(0).wru()).isEqualTo(2);
        assertThat(lines.get(0).indexWru()).isZero();
    }

    @Test
    void standardWritesUseTheLargerImageAndFailedConditionsStillConsume() {
        JsonNode small = json("{'pk':{'S':'p'},'sk':{'S':'x'}}");
        JsonNode large = json("{'pk':{'S':'p'},'sk':{'S':'x'},'pad':{'S':'" + a(2000) + "'}}");
        assertThat(CapacityRules.cost("UpdateItem", json("{}"), json("{}"), null,
                List.of(new CapacityRules.Image("appointments", "Update", null, large, small)), TABLES).get(0).wru()).isEqualTo(2);
        assertThat(CapacityRules.cost("PutItem", json("{'Item':" + large + "}"), json("{}"), "ConditionalCheckFailedException",
                List.of(new CapacityRules.Image("appointments", "Put", null, null, null)), TABLES).get(0).wru()).isEqualTo(2);
        assertThat(CapacityRules.cost("DeleteItem", json("{}"), json("{}"), "ConditionalCheckFailedException",
                List.of(new CapacityRules.Image("appointments", "Delete", null, null, null)), TABLES).get(0).wru()).isEqualTo(1);
    }

    @Test
    void getItemIsHalvedWhenEventuallyConsistent() {
        JsonNode item = json("{'Item':{'pk':{'S':'p'},'pad':{'S':'" + a(5000) + "'}}}");
        assertThat(CapacityRules.cost("GetItem", json("{'TableName':'appointments','ConsistentRead':true}"), item, null, List.of(), TABLES)
                .get(0).rru()).isEqualTo(2);
        assertThat(CapacityRules.cost("GetItem", json("{'TableName':'appointments'}"), item, null, List.of(), TABLES)
                .get(0).rru()).isEqualTo(1);
        assertThat(CapacityRules.cost("GetItem", json("{'TableName':'appointments','ConsistentRead':true}"), json("{}"), null, List.of(), TABLES)
                .get(0).rru()).isEqualTo(1);
    }

    @Test
    void queriesSumTheItemsReadAndCountFilteredOnesAtTheAverage() {
        String item = "{'pk':{'S':'p'},'pad':{'S':'" + a(1500) + "'}}";
        JsonNode twoOfFour = json("{'Items':[" + item + "," + item + "],'Count':2,'ScannedCount':4}");
        CapacityRules.Line strong = CapacityRules.cost("Query", json("{'TableName':'appointments','ConsistentRead':true}"), twoOfFour,
                null, List.of(), TABLES).get(0);
        assertThat(strong.rru()).isEqualTo(2);   // 4 × 1,505 B = 6,020 B → 2 × 4 KB
        assertThat(strong.note()).contains("2 item(s) filtered out");
        // a GSI query is eventually consistent whatever the request says
        CapacityRules.Line gsi = CapacityRules.cost("Query", json("{'TableName':'appointments','IndexName':'ByStart','ConsistentRead':true}"),
                twoOfFour, null, List.of(), TABLES).get(0);
        assertThat(gsi.rru()).isEqualTo(1);
        assertThat(CapacityRules.cost("Query", json("{'TableName':'appointments'}"), json("{'Items':[],'Count':0,'ScannedCount':0}"),
                null, List.of(), TABLES).get(0).rru()).isEqualTo(0.5);
    }

    @Test
    void transactionalGetsAreDoubleStrongReads() {
        JsonNode response = json("{'Responses':[{'Item':{'pk':{'S':'p'}}},{}]}");
        JsonNode request = json("{'TransactItems':[{'Get':{'TableName':'appointments'}},{'Get':{'TableName':'appointments'}}]}");
        assertThat(CapacityRules.cost("TransactGetItems", request, response, null, List.of(), TABLES))
                .extracting(CapacityRules.Line::rru).containsExactly(2.0, 2.0);
    }
}
