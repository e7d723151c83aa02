package org.therapyops.reporting.function;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import io.micronaut.context.ApplicationContextBuilder;
import jakarta.inject.Inject;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapyops.dynamodb.ReportingImages;
import org.therapyops.lambda.Metering;
import org.therapyops.lambda.StreamBatch;
import org.therapyops.lambda.StreamImages;
import org.therapyops.wiring.handlers.StreamOrTaskHandler;
import org.therapyops.reporting.service.ReportingService;
import org.therapyops.reporting.service.WeeklyReports;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Keeps the reports: each stream record (Claims: claims, postings, capture records; Notes: notes; AppointmentHistory:
 * an appointment changed; Practice: authorizations) is handed to the reporting by its new image, which replaces what
 * that item contributed before — a batch's changes written together, each aggregate once however many of its records add
 * to it, or, when that fails, one record at a time; and the weekly schedule ({@code task} {@value #WEEKLY_REPORT}) raises each practice's
 * weekly report; the daily schedule ({@code task} {@value #COMPACT}) compacts each practice's undated aggregates.
 * Stream batches come as {@code Records} and report partial failures; a scheduled run that fails for some practice
 * throws, so the scheduler retries it.
 */
public class ReportingHandler extends StreamOrTaskHandler {

    static final String WEEKLY_REPORT = "weekly-report";
    static final String COMPACT = "compact";
    static final String STEP = "reporting";
    private static final Logger LOG = LoggerFactory.getLogger(ReportingHandler.class);
    private static final String FAILURES = "practice(s) failed";

    @Inject
    ReportingImages images;

    @Inject
    WeeklyReports weekly;

    @Inject
    ReportingService reporting;

    public ReportingHandler() {
        super(STEP, FAILURES);
    }

    /** For tests: a handler on a context built with the given builder. */
    public ReportingHandler(ApplicationContextBuilder builder) {
        super(STEP, FAILURES, builder);
    }

    @Override
    protected long task(Object task) {
        if (WEEKLY_REPORT.equals(task)) {
            return weekly.run().failed();
        }
        if (COMPACT.equals(task)) {
            return reporting.compactAll().failed();
        }
        throw new IllegalArgumentException("unknown task " + task + " (known: " + WEEKLY_REPORT + ", " + COMPACT + ")");
    }

    @Override
    protected StreamsEventResponse records(DynamodbEvent event) {
        try {
            return reporting.together(() -> StreamBatch.process(event, this::changed), Metering::practice);
        } catch (RuntimeException e) {
            // Written together, one change failed them all (a fact changed under it more often than the retries allow,
            // a transaction refused): one record at a time instead, so that what fails fails alone. What was written
            // already changes nothing the second time.
            LOG.warn("reporting: a batch of {} records not written together ({}); one at a time", event.getRecords().size(),
                    e.getClass().getSimpleName());
            return StreamBatch.process(event, this::changed);
        } finally {
            Metering.noPractice();
        }
    }

    @Override
    protected void changed(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> image = StreamImages.toSdk(record.getDynamodb().getNewImage());
        if (!image.isEmpty()) {
            images.apply(image);
        }
    }
}
