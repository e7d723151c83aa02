package org.therapyops.billing;

/**
 * One documented service of a note: the code, the minutes spent on it, who rendered it, and an assistant's
 * involvement when the line states one (NONE: as the rendering provider's credential implies, see
 * {@link AssistantInvolvement#billed}).
 */
public record ServiceLine(String code, int minutes, String renderingProviderId, AssistantInvolvement assistant) {
}
