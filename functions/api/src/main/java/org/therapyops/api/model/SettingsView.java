package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.SchedulingPolicy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The practice's settings as the API shows them; version 0 means the defaults, never saved. */
@Serdeable
public record SettingsView(SchedulingPolicy schedulingPolicy, String overrideRole, String timeZone,
                           SettingsInput.Alerts alerts, Map<String, List<String>> recipientsByRole,
                           SettingsInput.Reporting reporting, long version) {

    public static SettingsView of(PracticeSettings s) {
        SettingsInput in = SettingsInput.of(s);
        return new SettingsView(in.schedulingPolicy(), in.overrideRole(), in.timeZone(), in.alerts(),
                new TreeMap<>(s.recipientsByRole()), in.reporting(), s.version());
    }
}
