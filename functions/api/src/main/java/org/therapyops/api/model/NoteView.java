package org.therapyops.api.model;

import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.Addendum;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.TelehealthMode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A note as the API shows it; the ETag is its version. */
@Serdeable
public record NoteView(String id, String appointmentId, String patientId, String renderingProviderId, NoteStatus status,
                       LocalDate dateOfService, @OrNull String placeOfService, @OrNull TelehealthMode telehealth, boolean patientAtHome,
                       List<String> diagnoses, List<NoteLineInput> lines, List<AddendumView> addenda, Instant createdAt,
                       @OrNull String createdBy, @OrNull Instant signedAt, @OrNull String signedBy, long version) {

    /** Text added after signing: by whom, when. */
    @Serdeable
    public record AddendumView(String text, String author, Instant at) {
        static AddendumView of(Addendum a) {
            return new AddendumView(a.text(), a.author(), a.at());
        }
    }

    public static NoteView of(Note n) {
        return new NoteView(n.id(), n.appointmentId(), n.patientId(), n.renderingProviderId(), n.status(),
                n.dateOfService(), n.placeOfService(), n.telehealth(), n.patientAtHome(), n.diagnoses(),
                n.lines().stream().map(NoteLineInput::of).toList(), n.addenda().stream().map(AddendumView::of).toList(), n.createdAt(), n.createdBy(),
                n.signedAt(), n.signedBy(), n.version());
    }
}
