package org.therapyops.wiring.handlers;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.lambda.StreamBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A function fed both by a table's stream (an event with {@code Records}, each record applied on its own by
 * {@link StreamBatch}) and by a schedule (an event naming its {@code task}, run as {@link ScheduledRunHandler} runs).
 */
public abstract class StreamOrTaskHandler extends MeteredHandler<Map<String, Object>, StreamsEventResponse> {

    private final String failures;
    private JsonMapper json;

    /** @param failures what a failure of a task counts, in words, e.g. "practice(s) failed" */
    protected StreamOrTaskHandler(String step, String failures) {
        super(step);
        this.failures = failures;
    }

    /** For tests: a handler on a context built with the given builder. */
    protected StreamOrTaskHandler(String step, String failures, ApplicationContextBuilder builder) {
        super(step, builder);
        this.failures = failures;
    }

    @Inject
    public void setJson(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected final StreamsEventResponse handle(Map<String, Object> event) {
        if (event != null && event.get("Records") instanceof List) {
            return records(streamEvent(event));
        }
        ScheduledRunHandler.failIfAny(step(), task(event == null ? null : event.get("task")), failures);
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    /** A stream batch: each record applied on its own ({@link #changed}), failures reported as {@link StreamBatch} does. */
    protected StreamsEventResponse records(DynamodbEvent event) {
        return StreamBatch.process(event, this::changed);
    }

    /** Applies one stream record; throws when it cannot be applied now. */
    protected abstract void changed(DynamodbEvent.DynamodbStreamRecord record);

    /**
     * Runs the task a scheduled event names ({@code null} when it names none); returns how many of its parts failed.
     *
     * @throws IllegalArgumentException for a task this function does not know
     */
    protected abstract long task(Object task);

    private DynamodbEvent streamEvent(Map<String, Object> event) {
        try {
            return json.readValue(json.writeValueAsBytes(event), Argument.of(DynamodbEvent.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
