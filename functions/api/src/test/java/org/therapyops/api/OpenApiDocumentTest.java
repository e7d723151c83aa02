package org.therapyops.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated OpenAPI document lists the answers every operation can give, so that a new endpoint cannot leave them
 * out: the gateway's 401 and the 403 everywhere, 404 for a record in the path, the body problems where a JSON body is
 * read, 412/428 with If-Match; and a view's fields are all required, as the API writes every field (null included).
 * The fuzz run (ApiFuzzEndToEndTest) checks the answers themselves against it.
 */
class OpenApiDocumentTest {

    private static Map<String, Object> document;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(OpenApiController.DOCUMENT)) {
            document = new Yaml().load(in);
        }
    }

    @Test
    void everyOperationListsTheAnswersItCanGive() {
        List<String> missing = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, op) -> {
            Map<String, Object> operation = map(op);
            Set<String> codes = map(operation.get("responses")).keySet();
            Set<String> expected = new TreeSet<>(List.of("401", "403"));
            if (path.contains("{")) {
                expected.add("404");
            }
            Map<String, Object> body = map(operation.get("requestBody"));
            if (Boolean.TRUE.equals(body.get("required"))) {
                expected.addAll(List.of("400", "413", "415", "422"));
            }
            for (Object p : list(operation.get("parameters"))) {
                Map<String, Object> parameter = map(p);
                if ("If-Match".equals(parameter.get("name"))) {
                    expected.addAll(List.of("412", "428"));
                }
            }
            if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
                missing.add(method + " " + path + ": no success answer");
            }
            expected.stream().filter(c -> !codes.contains(c)).forEach(c -> missing.add(method + " " + path + ": " + c));
            assertThat(codes).as(method + " " + path).doesNotContain("default");
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void everyFieldOfAViewIsRequiredAsTheApiWritesEveryField() {
        List<String> optional = new ArrayList<>();
        map(map(document.get("components")).get("schemas")).forEach((name, s) -> {
            Map<String, Object> schema = map(s);
            if (!name.contains("View")) {
                return;
            }
            List<?> required = list(schema.get("required"));
            map(schema.get("properties")).keySet().stream().filter(p -> !required.contains(p))
                    .forEach(p -> optional.add(name + "." + p));
        });
        assertThat(optional).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
