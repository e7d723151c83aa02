package org.therapyops.ports;

import java.util.Optional;

/** The raw bodies of webhook deliveries, kept durably (an encrypted, versioned object store). */
public interface DeliveryBodies {

    void put(String key, byte[] body, String contentType);

    Optional<byte[]> get(String key);
}
