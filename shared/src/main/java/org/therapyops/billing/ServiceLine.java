package org.therapyops.billing;

/** One documented service of a note: the code, the minutes spent on it, who rendered it, assistant involvement. */
public record ServiceLine(String code, int minutes, String renderingProviderId, AssistantInvolvement assistant) {
}
