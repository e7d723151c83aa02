package org.therapyops.domain.alert;

/** Whether staff have seen to an alert. */
public enum AlertStatus {
    OPEN,
    ACKNOWLEDGED
}
