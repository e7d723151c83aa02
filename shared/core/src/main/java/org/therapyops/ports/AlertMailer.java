package org.therapyops.ports;

import org.therapyops.domain.alert.AlertEmail;

import java.util.List;

/** Sends an alert's email; answers the provider's message id. */
public interface AlertMailer {

    String send(List<String> recipients, AlertEmail email);
}
