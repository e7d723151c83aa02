package org.therapyops.localcloud;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** AttributeValues in DynamoDB JSON ({"S": ..}, {"N": ".."}, {"M": {..}}...), as Lambda puts them in stream events. */
public final class DynamoDbJson {

    private DynamoDbJson() {
    }

    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        item.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    public static ObjectNode value(AttributeValue v) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (v.s() != null) {
            n.put("S", v.s());
        } else if (v.n() != null) {
            n.put("N", v.n());
        } else if (v.b() != null) {
            n.put("B", b64(v.b()));
        } else if (v.bool() != null) {
            n.put("BOOL", v.bool());
        } else if (Boolean.TRUE.equals(v.nul())) {
            n.put("NULL", true);
        } else if (v.hasM()) {
            n.set("M", item(v.m()));
        } else if (v.hasL()) {
            ArrayNode a = n.putArray("L");
            v.l().forEach(e -> a.add(value(e)));
        } else if (v.hasSs()) {
            ArrayNode a = n.putArray("SS");
            v.ss().forEach(a::add);
        } else if (v.hasNs()) {
            ArrayNode a = n.putArray("NS");
            v.ns().forEach(a::add);
        } else if (v.hasBs()) {
            ArrayNode a = n.putArray("BS");
            v.bs().forEach(b -> a.add(b64(b)));
        } else {
            n.put("NULL", true);
        }
        return n;
    }

    private static String b64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
