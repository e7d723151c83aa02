package org.therapyops.localcloud;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
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
                intOf(p.get("MaximumRetryAttempts"), -1), intOf(p.get("MaximumRecordAgeInSeconds"), -1), destination,
                intOf(p.get("ParallelizationFactor"), 1));
    }

    static SqsPoller.Settings sqs(Map<String, Object> p, String queueUrl) {
        return new SqsPoller.Settings(queueUrl, intOf(p.get("BatchSize"), 10), intOf(p.get("MaximumBatchingWindowInSeconds"), 0),
                list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"),
                intOf(Template.mapOf(p.get("ScalingConfig")).get("MaximumConcurrency"), 0));
    }

    /**
     * A Schedule (EventBridge rule) or ScheduleV2 (EventBridge Scheduler) event's settings. {@code createQueue} makes
     * the queue SAM would generate for {@code DeadLetterConfig: {Type: SQS}} without an Arn (name -> URL).
     */
    static ScheduledTrigger.Settings schedule(String type, String functionId, String eventName, Map<String, Object> p,
                                              String stackName, Instant created, Function<String, String> queueUrlOfArn,
                                              Function<String, String> createQueue) {
        String where = functionId + ".Events." + eventName;
        boolean v2 = type.equals("ScheduleV2");
        ScheduleExpression expression;
        try {
            if (v2) {
                expression = ScheduleExpression.parse(str(p.get("ScheduleExpression")),
                        ScheduleExpression.zone(p.get("ScheduleExpressionTimezone")), created);
            } else {
                if (p.get("ScheduleExpressionTimezone") != null) {
                    throw new TemplateException("ScheduleExpressionTimezone is a ScheduleV2 property; Schedule (EventBridge rule) cron is UTC");
                }
                expression = ScheduleExpression.forRule(str(p.get("Schedule")), created);
            }
        } catch (TemplateException e) {
            throw new TemplateException(where + ": " + e.getMessage());
        }
        String input = null;
        Object rawInput = p.get("Input");
        if (rawInput != null) {
            try {
                input = rawInput instanceof String s ? s : Json.MAPPER.writeValueAsString(rawInput);
                if (!v2 || !input.contains("<aws.scheduler.")) {
                    Json.MAPPER.readTree(input); // Lambda targets need well-formed JSON
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new TemplateException(where + ".Input: not well-formed JSON (" + e.getOriginalMessage() + ")");
            }
        }
        boolean enabled;
        if (v2) {
            String state = p.get("State") == null ? "ENABLED" : str(p.get("State")).toUpperCase(java.util.Locale.ROOT);
            if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
                throw new TemplateException(where + ".State: expected ENABLED or DISABLED, got " + state);
            }
            enabled = state.equals("ENABLED");
        } else {
            enabled = p.get("Enabled") == null || Boolean.parseBoolean(str(p.get("Enabled")));
            if (p.get("State") != null && str(p.get("State")).equalsIgnoreCase("DISABLED")) {
                enabled = false;
            }
        }
        String name = p.get("Name") != null ? str(p.get("Name")) : (v2 ? "" : stackName + "-") + functionId + eventName;
        String arn = v2
                ? "arn:aws:scheduler:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":schedule/"
                        + (p.get("GroupName") == null ? "default" : str(p.get("GroupName"))) + "/" + name
                : "arn:aws:events:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":rule/" + name;
        Map<String, Object> retry = Template.mapOf(p.get("RetryPolicy"));
        int maxRetries = intOf(retry.get("MaximumRetryAttempts"), 185);
        int maxAge = intOf(retry.get("MaximumEventAgeInSeconds"), 86400);
        if (maxRetries < 0 || maxRetries > 185) {
            throw new TemplateException(where + ".RetryPolicy.MaximumRetryAttempts: 0-185, got " + maxRetries);
        }
        if (maxAge < 60 || maxAge > 86400) {
            throw new TemplateException(where + ".RetryPolicy.MaximumEventAgeInSeconds: 60-86400, got " + maxAge);
        }
        Map<String, Object> dlc = Template.mapOf(p.get("DeadLetterConfig"));
        String dlq = null;
        if (dlc.get("Arn") != null) {
            dlq = queueUrlOfArn.apply(str(dlc.get("Arn")));
        } else if (!dlc.isEmpty()) {
            if (!"SQS".equals(str(dlc.get("Type")))) {
                throw new TemplateException(where + ".DeadLetterConfig: give an Arn, or Type: SQS");
            }
            String logical = dlc.get("QueueLogicalId") != null ? str(dlc.get("QueueLogicalId")) : functionId + eventName + "Queue";
            dlq = createQueue.apply(stackName + "-" + logical);
        }
        return new ScheduledTrigger.Settings(type, expression, input, enabled, arn, maxRetries, maxAge, dlq,
                date(where + ".StartDate", p.get("StartDate")), date(where + ".EndDate", p.get("EndDate")));
    }

    /** The function's asynchronous invocation settings: EventInvokeConfig and DeadLetterQueue (SQS targets only). */
    static ScheduledTrigger.AsyncSettings async(Map<String, Object> p, Function<String, String> queueUrlOfArn) {
        Map<String, Object> config = Template.mapOf(p.get("EventInvokeConfig"));
        Map<String, Object> dlq = Template.mapOf(p.get("DeadLetterQueue"));
        String dlqUrl = "SQS".equals(str(dlq.get("Type"))) && dlq.get("TargetArn") != null ? queueUrlOfArn.apply(str(dlq.get("TargetArn"))) : null;
        Map<String, Object> onFailure = Template.mapOf(Template.mapOf(config.get("DestinationConfig")).get("OnFailure"));
        String destination = str(onFailure.get("Destination"));
        String onFailureUrl = destination != null && ("SQS".equals(str(onFailure.get("Type"))) || destination.contains(":sqs:"))
                ? queueUrlOfArn.apply(destination) : null;
        return new ScheduledTrigger.AsyncSettings(intOf(config.get("MaximumRetryAttempts"), 2),
                intOf(config.get("MaximumEventAgeInSeconds"), 21600), dlqUrl, onFailureUrl);
    }

    private static Instant date(String where, Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.util.Date d) {
            return d.toInstant(); // an unquoted YAML timestamp
        }
        try {
            return java.time.OffsetDateTime.parse(str(o)).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return Instant.parse(str(o));
            } catch (java.time.format.DateTimeParseException e2) {
                throw new TemplateException(where + ": expected an ISO 8601 date-time such as 2026-01-01T00:00:00Z, got " + o);
            }
        }
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static int intOf(Object o, int fallback) {
        return o == null ? fallback : Integer.parseInt(String.valueOf(o));
    }
}
