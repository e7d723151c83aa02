package org.therapyops.ports;

import org.therapyops.billing.Addendum;
import org.therapyops.billing.Note;
import org.therapyops.domain.AuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Notes of a practice. Every change is one transaction with its audit entry, conditional on the note's
 * state and version: drafts are replaced, signed once, and a signed note only gains addenda.
 */
public interface NoteRepository {

    /** Stores a new DRAFT note. */
    void create(String practiceId, Note note, AuditEntry audit);

    Optional<Note> note(String practiceId, String noteId);

    /**
     * Replaces a draft's content over the version read.
     *
     * @return the note after the change
     * @throws NoteSignedException when the note is signed
     * @throws StaleVersionException when the stored version is not {@code expectedVersion}
     */
    Note replaceDraft(String practiceId, Note draft, long expectedVersion, AuditEntry audit);

    /**
     * DRAFT → SIGNED, over the version read.
     *
     * @throws NoteSignedException when the note is signed already
     * @throws StaleVersionException when the stored version is not {@code expectedVersion}
     */
    Note sign(String practiceId, String noteId, long expectedVersion, String signedBy, Instant at, AuditEntry audit);

    /** Appends an addendum to a note (charges are not touched). */
    Note addAddendum(String practiceId, String noteId, Addendum addendum, AuditEntry audit);

    /** The note's audit trail, oldest first. */
    List<AuditEntry> audit(String practiceId, String noteId);

    /** The note is signed: it changes only by addendum. */
    class NoteSignedException extends RuntimeException {
        public NoteSignedException(String noteId) {
            super("note " + noteId + " is signed");
        }
    }
}
