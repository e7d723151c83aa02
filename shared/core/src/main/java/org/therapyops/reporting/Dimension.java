package org.therapyops.reporting;

import java.util.Arrays;
import java.util.Optional;

/** What a report's rows are grouped by ({@code groupBy}). */
public enum Dimension {
    NONE("none"), PAYER("payer"), PROVIDER("provider"), DISCIPLINE("discipline"), CARC("carc"), KIND("kind");

    private final String slug;

    Dimension(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static Optional<Dimension> of(String slug) {
        return Arrays.stream(values()).filter(d -> d.slug.equals(slug)).findFirst();
    }
}
