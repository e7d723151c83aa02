package org.therapyops.billing.x12;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits one X12 interchange into its groups, transaction sets and segments with StAEDI's {@link EDIStreamReader},
 * which takes the delimiters from the ISA and checks the envelope (ISA/IEA, GS/GE, ST/SE: codes, control numbers,
 * counts). Any problem is an {@link X12ParseException} that never quotes the input. The transaction set readers
 * ({@link X12Reader}, the simulated clearinghouse's 837P reader) work on the segments this returns.
 */
public final class X12Segments {

    /** More than any X12 5010 segment or composite has; a limit, so that junk cannot make us build huge arrays. */
    private static final int MAX_POSITION = 99;

    /**
     * StAEDI reports the schema types its control schema leaves unused at INFO through java.util.logging, on every first
     * read: noise in a function's log. Held here so the setting is not collected with the logger.
     */
    private static final java.util.logging.Logger STAEDI = java.util.logging.Logger.getLogger("io.xlate.edi");

    static {
        STAEDI.setLevel(java.util.logging.Level.WARNING);
    }

    /** Quiets StAEDI's schema notes for a class that reads or writes X12 without this one (loading it is enough). */
    static void quietStaedi() {
        // the static initializer did it
    }

    private X12Segments() {
    }

    /** One interchange: its ISA, groups and IEA. */
    public record Interchange(Segment isa, List<Group> groups, Segment iea) {
        public Interchange {
            groups = List.copyOf(groups);
        }
    }

    /** One functional group: GS, its transaction sets, GE. */
    public record Group(Segment gs, List<TransactionSet> transactionSets, Segment ge) {
        public Group {
            transactionSets = List.copyOf(transactionSets);
        }
    }

    /** One transaction set, ST through SE inclusive. */
    public record TransactionSet(List<Segment> segments) {
        public TransactionSet {
            segments = List.copyOf(segments);
        }

        public Segment header() {
            return segments.get(0);
        }

        /** ST01, e.g. 835. */
        public String type() {
            return header().element(1);
        }

        /** ST03, the implementation guide (e.g. 005010X221A1); may be null. */
        public String implementation() {
            return header().element(3);
        }
    }

    /**
     * One segment: its tag, its position in the interchange (ISA = 1) and its elements (1-based), each the components
     * of its first occurrence (repetitions are not kept: no element these readers use repeats). Accessors return
     * null for an absent or empty element; the checked ones throw {@link X12ParseException} naming the element.
     */
    public static final class Segment {
        private static final Pattern DECIMAL = Pattern.compile("-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)");
        private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");
        private static final Pattern D8 = Pattern.compile("\\d{8}");

        private final String tag;
        private final int position;
        private final String[][] elements;

        Segment(String tag, int position, String[][] elements) {
            this.tag = tag;
            this.position = position;
            this.elements = elements;
        }

        public String tag() {
            return tag;
        }

        /** The position in the interchange, ISA = 1. */
        public int position() {
            return position;
        }

        /** The number of elements, trailing empty ones included as written. */
        public int size() {
            return elements.length;
        }

        /** Whether this is {@code tag} with {@code qualifier} as its first element. */
        public boolean is(String tag, String qualifier) {
            return this.tag.equals(tag) && qualifier.equals(element(1));
        }

        /** Element {@code n}; for a composite, its first component. */
        public String element(int n) {
            return component(n, 1);
        }

        /** Component {@code c} of element {@code n} (a simple element is its own component 1). */
        public String component(int n, int c) {
            if (n < 1 || n > elements.length || elements[n - 1] == null) {
                return null;
            }
            String[] components = elements[n - 1];
            return c < 1 || c > components.length ? null : components[c - 1];
        }

        /** The components of element {@code n} up to its last non-empty one (empty ones inside as null). */
        public List<String> components(int n) {
            if (n < 1 || n > elements.length || elements[n - 1] == null) {
                return List.of();
            }
            String[] components = elements[n - 1];
            int last = components.length;
            while (last > 0 && components[last - 1] == null) {
                last--;
            }
            return Arrays.asList(Arrays.copyOf(components, last));
        }

        public String required(int n) {
            String value = element(n);
            if (value == null) {
                throw error(id(n) + " is missing");
            }
            return value;
        }

        public String requiredComponent(int n, int c) {
            String value = component(n, c);
            if (value == null) {
                throw error(id(n) + "-" + c + " is missing");
            }
            return value;
        }

        /** An X12 R (decimal) value as written, exactly; null when absent. */
        public BigDecimal decimal(int n) {
            return decimal(n, element(n), id(n));
        }

        public BigDecimal requiredDecimal(int n) {
            required(n);
            return decimal(n);
        }

        /** Component {@code c} of element {@code n} as a decimal; null when absent. */
        public BigDecimal decimal(int n, int c) {
            return decimal(n, component(n, c), id(n) + "-" + c);
        }

        private BigDecimal decimal(int n, String value, String id) {
            if (value == null) {
                return null;
            }
            if (value.length() > 30 || !DECIMAL.matcher(value).matches()) {
                throw error(id + " is not a decimal number");
            }
            return new BigDecimal(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
        }

        /** An X12 N0 value (at most nine digits); null when absent. */
        public Integer integer(int n) {
            String value = element(n);
            if (value == null) {
                return null;
            }
            if (!DIGITS.matcher(value).matches()) {
                throw error(id(n) + " is not a whole number");
            }
            return Integer.valueOf(value);
        }

        public int requiredInteger(int n) {
            required(n);
            return integer(n);
        }

        /** A CCYYMMDD date; null when absent. */
        public LocalDate date(int n) {
            return date(element(n), id(n));
        }

        public LocalDate requiredDate(int n) {
            required(n);
            return date(n);
        }

        /** A CCYYMMDD date held in {@code value}, part of the element {@code id} (e.g. one half of an RD8 range). */
        public LocalDate date(String value, String id) {
            if (value == null) {
                return null;
            }
            if (!D8.matcher(value).matches()) {
                throw error(id + " is not a CCYYMMDD date");
            }
            try {
                return LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
                        Integer.parseInt(value.substring(6, 8)));
            } catch (DateTimeException e) {
                throw error(id + " is not a CCYYMMDD date");
            }
        }

        /** The element's reference designator, e.g. CLP03. */
        public String id(int n) {
            return tag + (n < 10 ? "0" : "") + n;
        }

        /** A problem with this segment: names its tag and position, never its content. */
        public X12ParseException error(String problem) {
            return new X12ParseException(problem, tag, position);
        }

        /** Tag and position only, never content. */
        @Override
        public String toString() {
            return tag + "@" + position;
        }
    }

    /**
     * Reads {@code text} as exactly one X12 interchange.
     *
     * @throws X12ParseException when it is empty, not X12, malformed or cut short, or its envelope is inconsistent
     */
    public static Interchange read(String text) {
        if (text == null || text.isBlank()) {
            throw new X12ParseException("the input is empty");
        }
        int start = 0;
        while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\uFEFF')) {
            start++;
        }
        if (!text.startsWith("ISA", start)) {
            throw new X12ParseException("the input is not an X12 interchange: it does not begin with ISA");
        }
        byte[] bytes = text.substring(start).getBytes(StandardCharsets.UTF_8);
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, true);
        Collector collector = new Collector();
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(bytes))) {
            while (reader.hasNext()) {
                collector.on(reader.next(), reader);
            }
        } catch (X12ParseException e) {
            throw e;
        } catch (EDIStreamException e) {
            // StAEDI's message may quote input: only its code decides ours.
            String message = String.valueOf(e.getMessage());
            String problem = message.startsWith("EDIE005")
                    ? "the input ends before the interchange is complete"
                    : "the input is not well-formed X12";
            throw new X12ParseException(problem, collector.tag, collector.position);
        } catch (IOException | RuntimeException e) {
            throw new X12ParseException("the input could not be read as X12", collector.tag, collector.position);
        }
        return collector.interchange();
    }

    /** Builds segments from StAEDI's events and files them into the envelope. */
    private static final class Collector {
        String tag;
        int position = -1;
        private final List<String[]> elements = new ArrayList<>();
        private int interchanges;
        private boolean ended;
        private Segment isa;
        private Segment iea;
        private final List<Group> groups = new ArrayList<>();
        private Segment gs;
        private List<TransactionSet> sets;
        private List<Segment> set;

        void on(EDIStreamEvent event, EDIStreamReader reader) {
            switch (event) {
                case START_INTERCHANGE -> {
                    if (++interchanges > 1) {
                        throw new X12ParseException("more than one interchange in the input", "ISA",
                                reader.getLocation().getSegmentPosition());
                    }
                }
                case END_INTERCHANGE -> ended = true;
                case START_SEGMENT -> {
                    tag = reader.getText();
                    position = reader.getLocation().getSegmentPosition();
                    elements.clear();
                }
                case ELEMENT_DATA -> element(reader);
                case END_SEGMENT -> file(new Segment(tag, position, elements.toArray(String[][]::new)));
                case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                    int element = reader.getLocation().getElementPosition();
                    String what = describe(reader.getErrorType());
                    String segmentTag = reader.getLocation().getSegmentTag();
                    int segmentPosition = reader.getLocation().getSegmentPosition();
                    throw new X12ParseException(element > 0 && segmentTag != null
                            ? String.format("%s%02d: %s", segmentTag, element, what) : what,
                            segmentTag, segmentPosition);
                }
                case ELEMENT_DATA_BINARY -> throw new X12ParseException("binary data is not supported", tag, position);
                default -> {
                }
            }
        }

        private void element(EDIStreamReader reader) {
            int n = reader.getLocation().getElementPosition();
            int c = reader.getLocation().getComponentPosition();
            int occurrence = reader.getLocation().getElementOccurrence();
            if (n > MAX_POSITION || c > MAX_POSITION) {
                throw new X12ParseException("too many elements or components", tag, position);
            }
            if (n < 1 || occurrence > 1) {
                return;
            }
            while (elements.size() < n) {
                elements.add(null);
            }
            String text = reader.getText();
            String value = text == null || text.isEmpty() ? null : text;
            int component = Math.max(c, 1);
            String[] components = elements.get(n - 1);
            if (components == null || components.length < component) {
                components = components == null ? new String[component] : Arrays.copyOf(components, component);
                elements.set(n - 1, components);
            }
            components[component - 1] = value;
        }

        private void file(Segment segment) {
            switch (segment.tag()) {
                case "ISA" -> isa = segment;
                case "GS" -> {
                    gs = segment;
                    sets = new ArrayList<>();
                }
                case "ST" -> {
                    requireGroup(segment);
                    set = new ArrayList<>();
                    set.add(segment);
                }
                case "SE" -> {
                    requireSet(segment);
                    set.add(segment);
                    sets.add(new TransactionSet(set));
                    set = null;
                }
                case "GE" -> {
                    requireGroup(segment);
                    groups.add(new Group(gs, sets, segment));
                    gs = null;
                    sets = null;
                }
                case "IEA" -> iea = segment;
                case "TA1" -> throw segment.error("TA1 interchange acknowledgments are not supported");
                default -> {
                    requireSet(segment);
                    set.add(segment);
                }
            }
        }

        private void requireGroup(Segment segment) {
            if (gs == null) {
                throw segment.error("segment outside a functional group");
            }
        }

        private void requireSet(Segment segment) {
            if (set == null) {
                throw segment.error("segment outside a transaction set");
            }
        }

        Interchange interchange() {
            if (!ended || isa == null || iea == null) {
                throw new X12ParseException("the interchange has no IEA trailer", tag, position);
            }
            if (groups.isEmpty()) {
                throw new X12ParseException("the interchange holds no functional group", "IEA", iea.position());
            }
            return new Interchange(isa, groups, iea);
        }
    }

    private static String describe(EDIStreamValidationError error) {
        if (error == null) {
            return "invalid segment";
        }
        return switch (error) {
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> "the count does not match the actual count";
            case CONTROL_REFERENCE_MISMATCH -> "the control number does not match its header's";
            default -> error.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
