package org.therapyops.domain;

/** A payer setting that cannot be stored as given: names the field (as the API spells it) and what is wrong. */
public final class InvalidPayerRulesException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidPayerRulesException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field's name. */
    public String problem() {
        return problem;
    }
}
