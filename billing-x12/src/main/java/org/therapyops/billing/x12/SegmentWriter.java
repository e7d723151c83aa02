package org.therapyops.billing.x12;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Delimiters;
import io.xlate.edi.stream.EDIStreamConstants.Standards;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Writes X12 segments through StAEDI's {@link EDIStreamWriter} with this project's delimiters (segment {@code ~},
 * element {@code *}, component {@code :}, repetition {@code ^}), the envelope checked against StAEDI's 00501 control
 * schema, and counts the segments of the open transaction set (ST through SE) for SE01.
 */
public final class SegmentWriter {

    public static final char SEGMENT = '~';
    public static final char ELEMENT = '*';
    public static final char COMPONENT = ':';
    public static final char REPETITION = '^';

    private final EDIStreamWriter writer;
    private boolean inTransaction;
    private int transactionCount;

    /** A writer to {@code out}, which is flushed, never closed. */
    public SegmentWriter(OutputStream out) {
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(Delimiters.SEGMENT, SEGMENT);
        factory.setProperty(Delimiters.DATA_ELEMENT, ELEMENT);
        factory.setProperty(Delimiters.COMPONENT_ELEMENT, COMPONENT);
        factory.setProperty(Delimiters.REPETITION, REPETITION);
        factory.setProperty(EDIOutputFactory.TRUNCATE_EMPTY_ELEMENTS, true);
        writer = factory.createEDIStreamWriter(out);
        try {
            writer.setControlSchema(SchemaFactory.newFactory().getControlSchema(Standards.X12, new String[] {"00501"}));
        } catch (EDISchemaException e) {
            throw new IllegalStateException("StAEDI's X12 00501 control schema could not be loaded", e);
        }
    }

    public void startInterchange() throws EDIStreamException {
        writer.startInterchange();
    }

    /** Ends the interchange (after IEA) and flushes. */
    public void endInterchange() throws EDIStreamException {
        writer.endInterchange();
        writer.flush();
    }

    /** Flushes what was written, ignoring a failure: for finally blocks of a write that may already be failing. */
    public void flushQuietly() {
        try {
            writer.flush();
        } catch (EDIStreamException e) {
            // already failing or done
        }
    }

    /** Starts counting: call before writing ST. */
    public void startTransaction() {
        inTransaction = true;
        transactionCount = 0;
    }

    /** The segments written since {@link #startTransaction()}; add one for the SE about to be written. */
    public int transactionCount() {
        return transactionCount;
    }

    /**
     * Writes one segment. Elements: a String, null (empty), or a String[] composite (null components empty); trailing
     * empty elements are dropped.
     */
    public void write(String tag, Object... elements) throws EDIStreamException {
        int last = elements.length;
        while (last > 0 && (elements[last - 1] == null || "".equals(elements[last - 1]))) {
            last--;
        }
        writer.writeStartSegment(tag);
        for (int i = 0; i < last; i++) {
            Object e = elements[i];
            if (e == null || "".equals(e)) {
                writer.writeEmptyElement();
            } else if (e instanceof String[] components) {
                writer.writeStartElement();
                for (String c : components) {
                    if (c == null || c.isEmpty()) {
                        writer.writeEmptyComponent();
                    } else {
                        writer.writeComponent(c);
                    }
                }
                writer.endElement();
            } else {
                writer.writeElement((String) e);
            }
        }
        writer.writeEndSegment();
        if (inTransaction) {
            transactionCount++;
            if ("SE".equals(tag)) {
                inTransaction = false;
            }
        }
    }

    /** Upper case, delimiters and characters outside the printable ASCII range replaced, trimmed, cut to max. */
    public static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toUpperCase(Locale.ROOT).toCharArray()) {
            boolean delimiter = c == SEGMENT || c == ELEMENT || c == COMPONENT || c == REPETITION;
            b.append(c < 0x20 || c > 0x7e || delimiter ? ' ' : c);
        }
        String t = b.toString().trim().replaceAll(" {2,}", " ");
        return t.length() > max ? t.substring(0, max).trim() : t;
    }

    /** An X12 R value: no exponent, no trailing zeros after the point. */
    public static String amount(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
    }

    /** {@code value} cut or padded with spaces to exactly {@code width} (ISA06, ISA08). */
    public static String fixed(String value, int width) {
        String t = text(value, width);
        return t + " ".repeat(width - t.length());
    }
}
