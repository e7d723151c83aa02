package org.therapyops.ports;

/** Hands a kept delivery to the inbound function; the message carries ids only. */
public interface InboundQueue {

    void enqueue(String practiceId, String deliveryId);
}
