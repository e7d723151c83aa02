package org.therapyops.wiring.handlers;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.lambda.SqsBatch;

/**
 * A function fed by an SQS queue of typed messages: each message is decoded and applied on its own
 * ({@link SqsBatch}); what fails is reported as a batch item failure, to be redelivered and in the end dead-lettered.
 */
public abstract class SqsMessageHandler<M> extends MeteredHandler<SQSEvent, SQSBatchResponse> {

    private final Class<M> type;
    private JsonMapper json;

    protected SqsMessageHandler(String step, Class<M> type) {
        super(step);
        this.type = type;
    }

    /** For tests: a handler on a context built with the given builder. */
    protected SqsMessageHandler(String step, Class<M> type, ApplicationContextBuilder builder) {
        super(step, builder);
        this.type = type;
    }

    @Inject
    public void setJson(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected final SQSBatchResponse handle(SQSEvent event) {
        return SqsBatch.process(event, json, type, this::apply);
    }

    /** Applies one message; throws when it cannot be applied now. */
    protected abstract void apply(M message);
}
