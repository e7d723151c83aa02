package org.therapyops.dynamodb;

import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.Cell;
import org.therapyops.reporting.Contribution;
import org.therapyops.reporting.WorkItem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A fact's contribution as one binary attribute: its cells and work items written with {@link DataOutputStream}
 * (length-prefixed strings, so no value needs escaping; numbers as {@link BigDecimal#toString}, scale kept) and deflated. A claim's cells repeat their aggregate keys and
 * its payer's and provider's ids in every counter name, so the fact that was about 2 KB as maps of attributes (two
 * write units, four in a transaction) fits in one unit.
 */
final class ContributionCodec {

    private static final int VERSION = 1;

    private ContributionCodec() {
    }

    static byte[] encode(Contribution contribution) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater))) {
            out.writeByte(VERSION);
            out.writeInt(contribution.cells().size());
            for (Map.Entry<Cell, BigDecimal> c : contribution.cells().entrySet()) {
                out.writeUTF(c.getKey().aggregate().key());
                out.writeUTF(c.getKey().counter());
                out.writeUTF(c.getValue().toString());
            }
            out.writeInt(contribution.work().size());
            for (Map.Entry<String, WorkItem> e : contribution.work().entrySet()) {
                WorkItem w = e.getValue();
                out.writeUTF(e.getKey());
                out.writeUTF(w.kind().name());
                out.writeUTF(w.since().toString());
                out.writeUTF(w.id());
                optional(out, w.amount() == null ? null : w.amount().toString());
                optional(out, w.units() == null ? null : w.units().toString());
                optional(out, w.detail());
                optional(out, w.payerId());
                optional(out, w.providerId());
                optional(out, w.patientId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static Contribution decode(byte[] encoded) {
        Inflater inflater = new Inflater(true);
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(encoded), inflater))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("a fact's contribution of format " + version + ", this code reads " + VERSION);
            }
            Map<Cell, BigDecimal> cells = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                Aggregate aggregate = Aggregate.ofKey(in.readUTF());
                cells.put(new Cell(aggregate, in.readUTF()), new BigDecimal(in.readUTF()));
            }
            Map<String, WorkItem> work = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String key = in.readUTF();
                WorkItem.Kind kind = WorkItem.Kind.valueOf(in.readUTF());
                LocalDate since = LocalDate.parse(in.readUTF());
                String id = in.readUTF();
                String amount = optional(in);
                String units = optional(in);
                work.put(key, new WorkItem(kind, since, id, amount == null ? null : new BigDecimal(amount),
                        units == null ? null : new BigDecimal(units), optional(in), optional(in), optional(in), optional(in)));
            }
            return new Contribution(cells, work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inflater.end();
        }
    }

    private static void optional(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
