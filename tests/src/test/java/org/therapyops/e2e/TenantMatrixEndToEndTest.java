package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.TokenRequest;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants never see each other's data, for every operation the OpenAPI document lists that takes an id (in its path,
 * query or request body): called with the first practice's ids and a token of another practice, in every role, it
 * answers a 4xx (never a 2xx that shows one of those ids, never a 5xx), and afterwards every item of the first practice
 * in every table is as it was, byte for byte. A new endpoint with an id parameter this test cannot fill fails it.
 */
class TenantMatrixEndToEndTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final List<String> ROLES = List.of("admin", "front_desk", "clinician", "biller");
    /** Path parameters that are not ids: the caller's own practice answers them, and must show none of the first's ids. */
    private static final Map<String, String> NAMES = Map.of("name", "leakage");

    @Test
    void everyOperationTakingAnIdRefusesAnotherPracticesIdsInEveryRoleAndChangesNothing() throws Exception {
        LocalCloud cloud = Cloud.get();
        RevenueLoop first = new RevenueLoop(cloud);
        Map<String, String> ids = records(first);
        Map<String, String> before = settled(cloud, first.practice.id);

        Practice other = new Practice(cloud);
        Map<String, Object> document = new Yaml().load(new ApiClient(cloud.apiUrl(), null).get("/openapi.yml").body());
        Map<String, Object> paths = map(document.get("paths"));
        List<String> called = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            for (Map.Entry<String, Object> op : map(path.getValue()).entrySet()) {
                String method = op.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                Map<String, Object> operation = map(op.getValue());
                List<String> queryIds = new ArrayList<>();
                for (Object p : list(operation.get("parameters"))) {
                    Map<String, Object> parameter = map(p);
                    String name = String.valueOf(parameter.get("name"));
                    if ("query".equals(parameter.get("in")) && name.endsWith("Id")) {
                        queryIds.add(name);
                    }
                }
                boolean bodyIds = operation.containsKey("requestBody") && bodyTakesIds(document, operation);
                if (!path.getKey().contains("{") && queryIds.isEmpty() && !bodyIds) {
                    continue;
                }
                String resolved = fill(path.getKey(), ids, problems);
                if (resolved == null) {
                    continue;
                }
                StringBuilder query = new StringBuilder();
                for (String q : queryIds) {
                    String value = ids.get(q);
                    if (value == null) {
                        problems.add(method + " " + path.getKey() + ": no record for query parameter " + q);
                        continue;
                    }
                    query.append(query.length() == 0 ? "?" : "&").append(q).append('=').append(value);
                }
                for (String role : ROLES) {
                    // A clinician of the other practice whose subject is the first practice's provider id.
                    String token = cloud.issueToken(new TokenRequest(other.id, role, ids.get("providerId"), null, null, null));
                    ApiClient api = new ApiClient(cloud.apiUrl(), token);
                    HttpRequest.Builder request = HttpRequest.newBuilder(cloud.apiUrl().resolve(resolved + query))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .header("If-Match", "\"1\"")
                            .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body(ids)));
                    ApiClient.Response response = api.send(request);
                    String what = method + " " + resolved + query + " as " + role + " -> " + response.status();
                    called.add(what);
                    if (response.status() >= 500) {
                        problems.add(what + ": " + response.body());
                    } else if (response.status() < 300) {
                        for (Map.Entry<String, String> id : ids.entrySet()) {
                            if (response.body().contains(id.getValue())) {
                                problems.add(what + " shows the first practice's " + id.getKey() + ": " + response.body());
                            }
                        }
                    }
                }
            }
        }
        assertThat(problems).as(String.join("\n", called)).isEmpty();
        assertThat(called.size()).isGreaterThan(100);
        Map<String, String> after = dump(cloud, first.practice.id);
        List<String> changed = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                changed.add("changed or gone: " + k + "\n  before " + v + "\n  after  " + after.get(k));
            }
        });
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> changed.add("added: " + k));
        assertThat(changed).as("the first practice's items after the attempts").isEmpty();
    }

    /** One record of every kind, with its id under the name the API's parameters give it. */
    private static Map<String, String> records(RevenueLoop loop) {
        Map<String, String> ids = new LinkedHashMap<>();
        RevenueLoop.Patient patient = loop.patient("PAIDTENANT01");
        ids.put("payerId", loop.payer);
        ids.put("providerId", loop.provider);
        ids.put("patientId", patient.id());
        ids.put("coverageId", patient.coverage());
        JsonNode authorizations = loop.practice.api.get("/patients/" + patient.id() + "/authorizations").json();
        ids.put("authorizationId", authorizations.at("/items/0/id").asText());
        String claim = loop.readyClaim(patient, "2026-12-10T09:00");
        JsonNode batch = loop.submit(claim);
        loop.awaitStatus(claim, "PAID");
        JsonNode claimView = loop.claim(claim);
        ids.put("claimId", claim);
        ids.put("noteId", claimView.get("noteId").asText());
        ids.put("appointmentId", loop.biller.get("/notes/" + claimView.get("noteId").asText()).json().get("appointmentId").asText());
        ids.put("batchId", batch.get("batchId").asText());
        ids.put("integrationId", loop.integrationId);
        JsonNode deliveries = loop.settledDeliveries(3);
        ids.put("deliveryId", deliveries.at("/items/0/id").asText());
        ids.put("eraId", loop.biller.get("/remittances").json().at("/items/0/id").asText());
        String blocked = loop.practice.book(patient.id(), loop.provider, "97530", "2026-12-11T09:00", 30);
        loop.practice.decided(blocked);
        JsonNode alerts = loop.practice.api.await("/alerts", a -> a.get("items").size() > 0, RevenueLoop.WAIT);
        ids.put("alertId", alerts.at("/items/0/id").asText());
        ids.values().forEach(v -> assertThat(v).isNotBlank());
        return ids;
    }

    private static String fill(String template, Map<String, String> ids, List<String> problems) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = ids.getOrDefault(m.group(1), NAMES.get(m.group(1)));
            if (value == null) {
                problems.add(template + ": no record for path parameter " + m.group(1) + " (add one to this test)");
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether the operation's request body schema names an id (a property ending in Id or Ids). */
    private static boolean bodyTakesIds(Map<String, Object> document, Map<String, Object> operation) {
        Map<String, Object> content = map(map(operation.get("requestBody")).get("content"));
        for (Object media : content.values()) {
            Map<String, Object> schema = map(map(media).get("schema"));
            Object ref = schema.get("$ref");
            if (ref != null) {
                schema = map(map(map(document.get("components")).get("schemas")).get(String.valueOf(ref)
                        .substring("#/components/schemas/".length())));
            }
            for (String property : map(schema.get("properties")).keySet()) {
                if (property.endsWith("Id") || property.endsWith("Ids")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A body naming every id of the first practice, in the fields the API's inputs call them. */
    private static String body(Map<String, String> ids) {
        StringBuilder b = new StringBuilder("{");
        ids.forEach((k, v) -> b.append('"').append(k).append("\":\"").append(v).append("\","));
        b.append("\"claimIds\":[\"").append(ids.get("claimId")).append("\"],\"start\":\"2026-12-12T09:00\",\"durationMinutes\":30,")
                .append("\"serviceCode\":\"97110\",\"reason\":\"tenant probe\",\"refreshFromPracticeData\":true,")
                .append("\"action\":\"WRITTEN_OFF\",\"text\":\"probe\",\"name\":\"probe\",\"kind\":\"payer\"}");
        return b.toString();
    }

    /** The practice's items once the functions are done with them: no stream mapping holds records, two dumps a second apart equal. */
    private static Map<String, String> settled(LocalCloud cloud, String practiceId) throws InterruptedException {
        Map<String, String> last = dump(cloud, practiceId);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            // A quiet second is not enough: a stream mapping may still be gathering records for its batching window
            // (the reporting function's is 10 s) and write after the dump. A mapping holds a batch until it is done,
            // so once none holds any, what they wrote is in the dump that follows.
            boolean nothingHeld = cloud.status().mappings().stream().allMatch(m -> m.pending() == 0);
            Map<String, String> now = dump(cloud, practiceId);
            if (nothingHeld && now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the first practice's items never settled");
    }

    /** Every item of the practice in every table (its partition), canonical and sorted. */
    private static Map<String, String> dump(LocalCloud cloud, String practiceId) {
        Map<String, String> items = new TreeMap<>();
        for (String table : cloud.aws().dynamoDb().listTables().tableNames()) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                var page = cloud.aws().dynamoDb().query(q -> q.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(practiceId))).exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    items.put(table + " " + item.get("sk").s(), new TreeMap<>(item).toString());
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        assertThat(items).isNotEmpty();
        return items;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
