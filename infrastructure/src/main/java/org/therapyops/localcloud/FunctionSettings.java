package org.therapyops.localcloud;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns a function's template properties (Globals applied) into process and event source mapping settings. */
final class FunctionSettings {

    private FunctionSettings() {
    }

    /** Globals.Function under the function's own properties; Environment.Variables merged key by key (function wins). */
    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(globals);
        out.putAll(own);
        Map<String, Object> vars = new LinkedHashMap<>(Template.mapOf(Template.mapOf(globals.get("Environment")).get("Variables")));
        vars.putAll(Template.mapOf(Template.mapOf(own.get("Environment")).get("Variables")));
        out.put("Environment", Map.of("Variables", vars));
        return out;
    }

    static LambdaFunction.Config config(String logicalId, String functionName, Map<String, Object> p, Path templateDir,
                                        Path runtime, Path logDir, int instances, URI endpoint) {
        if (p.get("CodeUri") == null || p.get("Handler") == null) {
            throw new TemplateException(logicalId + ": CodeUri and Handler are required");
        }
        Path artifact = templateDir.resolve(String.valueOf(p.get("CodeUri"))).normalize();
        int memory = intOf(p.get("MemorySize"), 128);
        int timeout = intOf(p.get("Timeout"), 3);
        Map<String, String> env = new LinkedHashMap<>();
        Template.mapOf(Template.mapOf(p.get("Environment")).get("Variables")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        String toolOptions = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
        // Lambda gives the JVM the function's memory; cap the heap as the java runtime does (~85%).
        env.put("JAVA_TOOL_OPTIONS", (toolOptions + " -Xmx" + (memory * 85 / 100) + "m").trim());
        env.put("AWS_REGION", TemplateResolver.REGION);
        env.put("AWS_DEFAULT_REGION", TemplateResolver.REGION);
        env.put("AWS_ACCESS_KEY_ID", AwsClients.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", AwsClients.SECRET_KEY);
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + p.getOrDefault("Runtime", "java21"));
        env.put("_HANDLER", String.valueOf(p.get("Handler")));
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        return new LambdaFunction.Config(logicalId, functionName, artifact, String.valueOf(p.get("Handler")), memory, timeout,
                env, runtime, logDir, instances);
    }

    static StreamPoller.Settings stream(Map<String, Object> p, Function<String, String> queueUrlOfArn) {
        List<FilterPattern> filters = new ArrayList<>();
        for (Object f : list(Template.mapOf(p.get("FilterCriteria")).get("Filters"))) {
            Object pattern = Template.mapOf(f).get("Pattern");
            try {
                filters.add(FilterPattern.parse(pattern instanceof String s ? s : Json.MAPPER.writeValueAsString(pattern)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new TemplateException("FilterCriteria: " + e.getMessage());
            }
        }
        Map<String, Object> onFailure = Template.mapOf(Template.mapOf(p.get("DestinationConfig")).get("OnFailure"));
        String destination = onFailure.get("Destination") == null ? null : queueUrlOfArn.apply(String.valueOf(onFailure.get("Destination")));
        return new StreamPoller.Settings(String.valueOf(p.getOrDefault("StartingPosition", "TRIM_HORIZON")),
                intOf(p.get("BatchSize"), 100), intOf(p.get("MaximumBatchingWindowInSeconds"), 0), filters,
                list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                Boolean.parseBoolean(String.valueOf(p.get("BisectBatchOnFunctionError"))),
                intOf(p.get("MaximumRetryAttempts"), -1), intOf(p.get("MaximumRecordAgeInSeconds"), -1), destination);
    }

    static SqsPoller.Settings sqs(Map<String, Object> p, String queueUrl) {
        return new SqsPoller.Settings(queueUrl, intOf(p.get("BatchSize"), 10), intOf(p.get("MaximumBatchingWindowInSeconds"), 0),
                list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"));
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static int intOf(Object o, int fallback) {
        return o == null ? fallback : Integer.parseInt(String.valueOf(o));
    }
}
