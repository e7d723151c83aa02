package org.therapyops.inbound;

import java.util.List;

/** Reads a delivery's body (X12 or JSON) into the documents it carries. */
public interface InboundDecoder {

    /** @throws UndecodableDeliveryException when the body is not something this backend accepts */
    List<InboundDocument> decode(byte[] body, String contentType);

    /** The body cannot be read; the message (the parser's) names positions and rules, never data. */
    final class UndecodableDeliveryException extends RuntimeException {
        public UndecodableDeliveryException(String message) {
            super(message);
        }

        public UndecodableDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
