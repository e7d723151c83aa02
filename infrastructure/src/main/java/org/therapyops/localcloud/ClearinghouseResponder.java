package org.therapyops.localcloud;

import java.time.Instant;
import java.util.List;

/** What the simulated clearinghouse answers to a submitted 837P batch: its documents, in the order they are sent. */
@FunctionalInterface
public interface ClearinghouseResponder {

    /**
     * One document the clearinghouse sends back.
     *
     * @param name        short and stable (e.g. {@code 999}, {@code 277CA}, {@code 835}): part of the webhook id
     * @param contentType null for {@code application/edi-x12}
     * @param body        the document's text, posted as the webhook's body
     */
    record Document(String name, String contentType, String body) {
    }

    /** The documents answering one 837P interchange, created at {@code now}. */
    List<Document> respond(String submitted837P, Instant now);
}
