package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterPatternTest {

    static boolean m(String pattern, String event) throws Exception {
        return FilterPattern.parse(pattern).matches(Json.MAPPER.readTree(event));
    }

    @Test
    void exactValuesAndNesting() throws Exception {
        String p = "{\"eventName\": [\"INSERT\", \"MODIFY\"], \"dynamodb\": {\"NewImage\": {\"status\": {\"S\": [\"REQUESTED\"]}}}}";
        assertThat(m(p, "{\"eventName\":\"INSERT\",\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":\"REQUESTED\"}}}}")).isTrue();
        assertThat(m(p, "{\"eventName\":\"REMOVE\",\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":\"REQUESTED\"}}}}")).isFalse();
        assertThat(m(p, "{\"eventName\":\"MODIFY\",\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":\"DONE\"}}}}")).isFalse();
        assertThat(m(p, "{\"eventName\":\"MODIFY\",\"dynamodb\":{}}")).isFalse();
    }

    @Test
    void operators() throws Exception {
        assertThat(m("{\"a\":[{\"prefix\":\"ab\"}]}", "{\"a\":\"abc\"}")).isTrue();
        assertThat(m("{\"a\":[{\"prefix\":\"ab\"}]}", "{\"a\":\"xbc\"}")).isFalse();
        assertThat(m("{\"a\":[{\"anything-but\":[\"x\",\"y\"]}]}", "{\"a\":\"z\"}")).isTrue();
        assertThat(m("{\"a\":[{\"anything-but\":\"x\"}]}", "{\"a\":\"x\"}")).isFalse();
        assertThat(m("{\"a\":[{\"exists\":true}]}", "{\"a\":1}")).isTrue();
        assertThat(m("{\"a\":[{\"exists\":false}]}", "{\"b\":1}")).isTrue();
        assertThat(m("{\"a\":[{\"exists\":false}]}", "{\"a\":1}")).isFalse();
        assertThat(m("{\"a\":{\"N\":[{\"numeric\":[\">\",5,\"<=\",10]}]}}", "{\"a\":{\"N\":\"7\"}}")).isTrue();
        assertThat(m("{\"a\":{\"N\":[{\"numeric\":[\">\",5]}]}}", "{\"a\":{\"N\":\"5\"}}")).isFalse();
        assertThat(m("{\"a\":[{\"numeric\":[\"=\",3]}]}", "{\"a\":3.0}")).isTrue();
        assertThat(m("{\"a\":[\"x\"]}", "{\"a\":[\"y\",\"x\"]}")).isTrue();
        assertThat(m("{\"a\":[null]}", "{\"a\":null}")).isTrue();
        assertThat(m("{\"a\":[true]}", "{\"a\":\"true\"}")).isFalse();
    }

    @Test
    void anyFilterKeepsTheRecord() throws Exception {
        var filters = java.util.List.of(FilterPattern.parse("{\"a\":[\"1\"]}"), FilterPattern.parse("{\"b\":[\"2\"]}"));
        assertThat(FilterPattern.anyMatches(filters, Json.MAPPER.readTree("{\"b\":\"2\"}"))).isTrue();
        assertThat(FilterPattern.anyMatches(filters, Json.MAPPER.readTree("{\"c\":\"2\"}"))).isFalse();
        assertThat(FilterPattern.anyMatches(java.util.List.of(), Json.MAPPER.readTree("{}"))).isTrue();
    }
}
