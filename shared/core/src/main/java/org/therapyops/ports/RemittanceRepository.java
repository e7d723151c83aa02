package org.therapyops.ports;

import org.therapyops.billing.remittance.EraRecord;

import java.util.Optional;

/** A practice's ERAs as posted or held. */
public interface RemittanceRepository {

    Optional<EraRecord> get(String practiceId, String eraId);

    /** Stores the ERA's record, replacing the earlier one of the same id. */
    void save(String practiceId, EraRecord era);

    /** ERAs, optionally of one status, newest payment first. */
    PracticeRepository.Page<EraRecord> list(String practiceId, EraRecord.Status status, int limit, String cursor);
}
