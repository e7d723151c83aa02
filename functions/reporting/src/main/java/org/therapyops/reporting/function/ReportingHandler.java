package org.therapyops.reporting.function;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.therapyops.alerting.AlertRaiser;
import org.therapyops.dynamodb.ReportingImages;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.StreamBatch;
import org.therapyops.lambda.StreamImages;
import org.therapyops.ports.UsageStore;
import org.therapyops.reporting.service.WeeklyReports;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Keeps the reports: each stream record (Claims: claims, postings, capture records; Notes: notes; AppointmentHistory:
 * an appointment changed; Practice: authorizations) is handed to the reporting by its new image, which replaces what
 * that item contributed before; and the weekly schedule ({@code task} {@value #WEEKLY_REPORT}) raises each practice's
 * weekly report. Stream batches come as {@code Records} and report partial failures; a weekly run that fails for some
 * practice throws, so the scheduler retries it.
 */
public class ReportingHandler extends MicronautRequestHandler<Map<String, Object>, StreamsEventResponse> {

    static final String WEEKLY_REPORT = "weekly-report";

    @Inject
    ReportingImages images;

    @Inject
    WeeklyReports weekly;

    @Inject
    JsonMapper json;

    public ReportingHandler() {
    }

    /** For tests: a handler on a context built with the given builder. */
    public ReportingHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    /** The workflow step this function's usage is metered as. */
    static final String STEP = "reporting";

    @Inject
    UsageStore usage;

    @Override
    public StreamsEventResponse execute(Map<String, Object> event) {
        return Metering.invoke(STEP, null, usage, () -> handle(event));
    }

    private StreamsEventResponse handle(Map<String, Object> event) {
        if (event != null && event.get("Records") instanceof List) {
            return StreamBatch.process(streamEvent(event), this::changed);
        }
        Object task = event == null ? null : event.get("task");
        if (!WEEKLY_REPORT.equals(task)) {
            throw new IllegalArgumentException("unknown task " + task + " (known: " + WEEKLY_REPORT + ")");
        }
        AlertRaiser.ScanResult result = weekly.run();
        if (result.failed() > 0) {
            throw new IllegalStateException("weekly report: " + result.failed() + " practice(s) failed; the run is retried");
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private DynamodbEvent streamEvent(Map<String, Object> event) {
        try {
            return json.readValue(json.writeValueAsBytes(event), Argument.of(DynamodbEvent.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void changed(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> image = StreamImages.toSdk(record.getDynamodb().getNewImage());
        if (!image.isEmpty()) {
            images.apply(image);
        }
    }
}
