package org.therapyops.billing;

/** Whether a physical or occupational therapy assistant furnished more than 10% of a service (CQ / CO). */
public enum AssistantInvolvement { NONE, PT_ASSISTANT, OT_ASSISTANT }
