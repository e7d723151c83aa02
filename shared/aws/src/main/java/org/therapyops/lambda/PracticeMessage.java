package org.therapyops.lambda;

/** A queue message about one practice's record: {@link SqsBatch} meters its processing for that practice. */
public interface PracticeMessage {

    String practiceId();
}
