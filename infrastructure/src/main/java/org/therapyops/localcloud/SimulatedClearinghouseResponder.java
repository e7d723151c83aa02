package org.therapyops.localcloud;

import org.therapyops.billing.x12.sim.SimulatedClearinghouse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The local cloud's clearinghouse answers: billing-x12's simulated clearinghouse (999, then 277CA, then 835, each
 * claim's outcome chosen by its member id's prefix: REJECTED, DENIED, PARTIAL, else paid in full at the charge).
 * Its documents are dated in {@link #ZONE}, as a US payer dates them (BPR16, DTM): in UTC, an evening's payment
 * would fall on the practice's next day, outside a report that ends today.
 */
public final class SimulatedClearinghouseResponder implements ClearinghouseResponder {

    /** The business time zone of the simulated clearinghouse and payers. */
    public static final ZoneId ZONE = ZoneId.of("America/New_York");

    /** The simulated clearinghouse's answers to an 837P as of {@code now}, dated in {@link #ZONE}. */
    public static SimulatedClearinghouse.Responses responses(String submitted837P, Instant now) {
        return SimulatedClearinghouse.respond(submitted837P, Clock.fixed(now, ZONE));
    }

    @Override
    public List<Document> respond(String submitted837P, Instant now) {
        SimulatedClearinghouse.Responses r = responses(submitted837P, now);
        List<Document> documents = new ArrayList<>();
        documents.add(new Document("999", null, r.ack999()));
        if (r.ack277ca() != null) {
            documents.add(new Document("277ca", null, r.ack277ca()));
        }
        if (r.era835() != null) {
            documents.add(new Document("835", null, r.era835()));
        }
        return documents;
    }
}
