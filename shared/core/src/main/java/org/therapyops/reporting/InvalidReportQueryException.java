package org.therapyops.reporting;

/** A report was asked for with a name, range or grouping it does not have; {@code field} names the parameter. */
public final class InvalidReportQueryException extends RuntimeException {

    private final String field;

    public InvalidReportQueryException(String field, String message) {
        super(field + " " + message);
        this.field = field;
        this.reason = message;
    }

    private final String reason;

    public String field() {
        return field;
    }

    /** What is wrong with the field, without its name. */
    public String reason() {
        return reason;
    }
}
