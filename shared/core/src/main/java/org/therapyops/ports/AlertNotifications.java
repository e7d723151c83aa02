package org.therapyops.ports;

/** Hands an alert to the notifier (the notify queue); the message carries ids only. */
public interface AlertNotifications {

    void enqueue(String practiceId, String alertId);
}
