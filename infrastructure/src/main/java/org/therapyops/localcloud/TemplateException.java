package org.therapyops.localcloud;

/** A template that cannot be run as written: names the place and the reason. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
