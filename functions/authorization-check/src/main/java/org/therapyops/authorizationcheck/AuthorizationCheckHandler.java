package org.therapyops.authorizationcheck;

import jakarta.inject.Inject;
import org.therapyops.dynamodb.ItemMapper;
import org.therapyops.wiring.handlers.StreamRecordHandler;
import org.therapyops.scheduling.AuthorizationCheckService;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Fed by the Appointments stream (filtered to images whose status is REQUESTED): decides each
 * appointment against coverage and authorization, reserving units with a conditional write.
 */
public class AuthorizationCheckHandler extends StreamRecordHandler {

    @Inject
    AuthorizationCheckService service;

    public AuthorizationCheckHandler() {
        super("authorization-check");
    }

    @Override
    protected void apply(Map<String, AttributeValue> image) {
        service.check(ItemMapper.practiceOf(image), ItemMapper.appointment(image));
    }
}
