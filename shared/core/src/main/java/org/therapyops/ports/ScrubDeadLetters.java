package org.therapyops.ports;

import java.time.Instant;
import java.util.List;

/** The scrub requests the scrubber gave up on, read without removing them (a person decides what to do with each). */
public interface ScrubDeadLetters {

    /** Up to {@code max} dead-lettered messages, each once; a sample when the queue holds more. */
    List<DeadLetter> peek(int max);

    /** One dead-lettered message: its body as sent, when it was first sent, and how often it was received. */
    record DeadLetter(String messageId, String body, Instant sentAt, Integer receiveCount) {
    }
}
