package org.therapyops.ports;

/** Hands a claim to the scrubber. At least once: the scrubber's status change is conditional on the version. */
public interface ScrubQueue {

    void enqueue(String practiceId, String claimId);
}
