package org.therapyops.domain;

import java.util.EnumSet;
import java.util.Set;

/** What staff can do to an appointment, from which states, and the state it leads to. */
public enum AppointmentAction {
    CHECK_IN(EnumSet.of(AppointmentStatus.SCHEDULED), AppointmentStatus.CHECKED_IN),
    COMPLETE(EnumSet.of(AppointmentStatus.SCHEDULED, AppointmentStatus.CHECKED_IN), AppointmentStatus.COMPLETED),
    CANCEL(EnumSet.of(AppointmentStatus.REQUESTED, AppointmentStatus.SCHEDULED, AppointmentStatus.NEEDS_AUTH,
            AppointmentStatus.CHECKED_IN), AppointmentStatus.CANCELLED),
    NO_SHOW(EnumSet.of(AppointmentStatus.SCHEDULED), AppointmentStatus.NO_SHOW),
    /** A new time (and possibly provider): back to REQUESTED, so the authorization is checked again for it. */
    RESCHEDULE(EnumSet.of(AppointmentStatus.REQUESTED, AppointmentStatus.SCHEDULED, AppointmentStatus.NEEDS_AUTH),
            AppointmentStatus.REQUESTED),
    /** An authorization it lacked arrived or changed: back to REQUESTED, so the authorization check decides it again. */
    RECHECK(EnumSet.of(AppointmentStatus.NEEDS_AUTH), AppointmentStatus.REQUESTED),
    /** A permitted role schedules a blocked appointment anyway, with a reason. */
    OVERRIDE(EnumSet.of(AppointmentStatus.NEEDS_AUTH), AppointmentStatus.SCHEDULED);

    private final Set<AppointmentStatus> from;
    private final AppointmentStatus to;

    AppointmentAction(Set<AppointmentStatus> from, AppointmentStatus to) {
        this.from = from;
        this.to = to;
    }

    public boolean allowedFrom(AppointmentStatus status) {
        return from.contains(status);
    }

    public Set<AppointmentStatus> from() {
        return from;
    }

    public AppointmentStatus to() {
        return to;
    }

    /**
     * What the action does to the authorization the appointment holds units of: a release gives the
     * reserved units back, a render turns them into rendered units.
     */
    public UnitEffect unitEffect(Appointment appointment) {
        Appointment.Decision d = appointment.decision();
        if (d == null || d.authorizationId() == null || d.reservedUnits() <= 0) {
            return UnitEffect.NONE;
        }
        return switch (this) {
            case CANCEL, NO_SHOW, RESCHEDULE -> UnitEffect.RELEASE;
            case COMPLETE -> UnitEffect.RENDER;
            default -> UnitEffect.NONE;
        };
    }

    /** What happens to the appointment's reserved units. */
    public enum UnitEffect { NONE, RELEASE, RENDER }
}
