package org.therapyops.dynamodb;

/** A create met an item already stored under the same key. */
public class DuplicateIdException extends RuntimeException {

    public DuplicateIdException(String key) {
        super("an item already exists under " + key);
    }
}
