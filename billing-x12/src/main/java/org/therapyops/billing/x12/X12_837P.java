package org.therapyops.billing.x12;

import io.xlate.edi.stream.EDIStreamException;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.Party;
import org.therapyops.billing.Subscriber;
import org.therapyops.domain.PostalAddress;
import org.therapyops.ports.ControlNumbers;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes claims as one X12 005010X222A1 (837P) interchange with StAEDI (through {@link SegmentWriter}): one ISA/GS/ST
 * envelope; 1000A submitter, 1000B receiver; per billing provider a 2000A/2010AA; per subscriber and payer a
 * 2000B with 2010BA and 2010BB; per claim a 2300 (with 2310A referring and 2310B rendering when they apply) and
 * its 2400 service lines. The patient is always the subscriber (SBR02 18), so no 2000C loop is written.
 *
 * <p>Claims are checked before anything is written (diagnoses 1–12, lines 1–50, pointers, frequency 7/8 with
 * the original claim id); an invalid claim fails the whole batch with {@link IllegalArgumentException}
 * naming the claim id and the problem, never patient data.
 */
public final class X12_837P {

    /** The implementation guide version written in GS08 and ST03. */
    public static final String VERSION = "005010X222A1";

    /** SBR09 claim filing indicator written when no other is given: CI, commercial insurance. */
    public static final Function<Claim, String> COMMERCIAL = claim -> "CI";

    static final char SEGMENT = SegmentWriter.SEGMENT;
    static final char ELEMENT = SegmentWriter.ELEMENT;
    static final char COMPONENT = SegmentWriter.COMPONENT;
    static final char REPETITION = SegmentWriter.REPETITION;

    private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    static {
        X12Segments.quietStaedi();
    }

    private X12_837P() {
    }

    /** The control numbers and counts of a written interchange, for tracking its 999 and 277CA. */
    public record Interchange(long interchangeControlNumber, long groupControlNumber, long transactionSetControlNumber,
                              int transactionSegmentCount, int claimCount) {

        /** ISA13 as written: nine digits, zero-padded. */
        public String isa13() {
            return String.format("%09d", interchangeControlNumber);
        }
    }

    /** Writes with the system clock (UTC) and SBR09 {@code CI} for every claim. */
    public static Interchange write(List<Claim> claims, Submitter submitter, Receiver receiver, ControlNumbers numbers,
                                    OutputStream out) {
        return write(claims, submitter, receiver, numbers, out, Clock.systemUTC(), COMMERCIAL);
    }

    /**
     * Writes {@code claims} as one interchange to {@code out} (which is flushed, not closed).
     *
     * @param clock                 the creation date and time written in ISA, GS and BHT
     * @param claimFilingIndicator  SBR09 per claim (MB Medicare Part B, MC Medicaid, CI commercial, …)
     */
    public static Interchange write(List<Claim> claims, Submitter submitter, Receiver receiver, ControlNumbers numbers,
                                    OutputStream out, Clock clock, Function<Claim, String> claimFilingIndicator) {
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(numbers, "numbers");
        Objects.requireNonNull(out, "out");
        if (claims == null || claims.isEmpty()) {
            throw new IllegalArgumentException("an 837P needs at least one claim");
        }
        claims.forEach(X12_837P::check);
        Map<String, String> controlNumbers = new LinkedHashMap<>();
        for (Claim claim : claims) {
            String pcn = patientControlNumber(claim.id());
            String other = controlNumbers.put(pcn, claim.id());
            require(other == null, other != null && other.equals(claim.id()) ? "claim " + claim.id() + " is listed twice"
                    : "claims " + other + " and " + claim.id() + " would share the patient control number " + pcn);
        }

        long isa13 = numbers.next(submitter.practiceId(), ControlNumbers.Kind.INTERCHANGE);
        long gs06 = numbers.next(submitter.practiceId(), ControlNumbers.Kind.GROUP);
        long st02 = numbers.next(submitter.practiceId(), ControlNumbers.Kind.TRANSACTION_SET);
        ZonedDateTime now = ZonedDateTime.now(clock);

        SegmentWriter s = new SegmentWriter(out);
        try {
            s.startInterchange();
            s.write("ISA", "00", " ".repeat(10), "00", " ".repeat(10),
                    "ZZ", fixed(submitter.id(), 15), "ZZ", fixed(receiver.id(), 15),
                    now.format(YYMMDD), now.format(HHMM), String.valueOf(REPETITION), "00501",
                    String.format("%09d", isa13), "0", receiver.production() ? "P" : "T", String.valueOf(COMPONENT));
            s.write("GS", "HC", text(submitter.id(), 15), text(receiver.id(), 15), now.format(D8), now.format(HHMM),
                    String.valueOf(gs06), "X", VERSION);

            s.startTransaction();
            String st02Text = String.format("%04d", st02);
            s.write("ST", "837", st02Text, VERSION);
            s.write("BHT", "0019", "00", text(submitter.practiceId() + "-" + isa13, 50), now.format(D8),
                    now.format(HHMM), "CH");
            writeSubmitter(s, submitter);
            s.write("NM1", "40", "2", text(receiver.name(), 60), null, null, null, null, "46", text(receiver.id(), 80));

            int hl = 0;
            for (Map.Entry<Party, Map<SubscriberKey, List<Claim>>> billing : group(claims).entrySet()) {
                int billingHl = ++hl;
                writeBillingProvider(s, billingHl, billing.getKey());
                for (Map.Entry<SubscriberKey, List<Claim>> subscriber : billing.getValue().entrySet()) {
                    int subscriberHl = ++hl;
                    Claim first = subscriber.getValue().get(0);
                    writeSubscriber(s, subscriberHl, billingHl, first, claimFilingIndicator.apply(first));
                    for (Claim claim : subscriber.getValue()) {
                        writeClaim(s, claim, billing.getKey());
                    }
                }
            }
            int count = s.transactionCount() + 1;
            s.write("SE", String.valueOf(count), st02Text);
            s.write("GE", "1", String.valueOf(gs06));
            s.write("IEA", "1", String.format("%09d", isa13));
            s.endInterchange();
            return new Interchange(isa13, gs06, st02, count, claims.size());
        } catch (EDIStreamException e) {
            throw new IllegalStateException("could not write the 837P interchange: " + e.getMessage(), e);
        } finally {
            s.flushQuietly();
        }
    }

    // ---- loops ---------------------------------------------------------------------------------------------

    private static void writeSubmitter(SegmentWriter s, Submitter submitter) throws EDIStreamException {
        s.write("NM1", "41", "2", text(submitter.name(), 60), null, null, null, null, "46", text(submitter.id(), 80));
        List<String> per = new ArrayList<>(List.of("IC", text(submitter.contactName(), 60)));
        if (!blank(submitter.phone())) {
            per.add("TE");
            per.add(digits(submitter.phone()));
        }
        if (!blank(submitter.email())) {
            per.add("EM");
            per.add(email(submitter.email()));
        }
        s.write("PER", per.toArray());
    }

    private static void writeBillingProvider(SegmentWriter s, int hl, Party billing) throws EDIStreamException {
        s.write("HL", String.valueOf(hl), null, "20", "1");
        if (!blank(billing.taxonomy())) {
            s.write("PRV", "BI", "PXC", text(billing.taxonomy(), 50));
        }
        name(s, "85", billing);
        address(s, billing.address());
        s.write("REF", "EI", digits(billing.taxId()));
    }

    private static void writeSubscriber(SegmentWriter s, int hl, int parent, Claim claim, String filingIndicator)
            throws EDIStreamException {
        Subscriber subscriber = claim.subscriber();
        s.write("HL", String.valueOf(hl), String.valueOf(parent), "22", "0");
        s.write("SBR", "P", "18", null, null, null, null, null, null, text(filingIndicator, 2));
        s.write("NM1", "IL", "1", text(subscriber.lastName(), 60), text(subscriber.firstName(), 35), null, null, null,
                "MI", text(subscriber.memberId(), 80));
        address(s, subscriber.address());
        s.write("DMG", "D8", subscriber.birthDate().format(D8), sex(subscriber.sex()));
        s.write("NM1", "PR", "2", text(claim.payerName(), 60), null, null, null, null, "PI",
                text(claim.payerEdiId(), 80));
    }

    private static void writeClaim(SegmentWriter s, Claim claim, Party billing) throws EDIStreamException {
        String frequency = (claim.frequency() == null ? ClaimFrequency.ORIGINAL : claim.frequency()).code();
        s.write("CLM", patientControlNumber(claim.id()), amount(claim.totalCharge()), null, null,
                new String[] {text(claim.placeOfService(), 2), "B", frequency}, "Y", "A", "Y", "Y");
        if (!blank(claim.priorAuthorizationNumber())) {
            s.write("REF", "G1", text(claim.priorAuthorizationNumber(), 50));
        }
        if (claim.frequency() == ClaimFrequency.REPLACEMENT || claim.frequency() == ClaimFrequency.VOID) {
            s.write("REF", "F8", text(claim.originalReference(), 50));
        }
        List<Object> hi = new ArrayList<>();
        for (int i = 0; i < claim.diagnoses().size(); i++) {
            hi.add(new String[] {i == 0 ? "ABK" : "ABF", icd(claim.diagnoses().get(i))});
        }
        s.write("HI", hi.toArray());

        Party referring = claim.referringProvider();
        if (referring != null && !blank(referring.npi())) {
            s.write("NM1", "DN", "1", text(referring.lastNameOrOrganization(), 60), text(referring.firstName(), 35),
                    null, null, null, "XX", digits(referring.npi()));
        }
        Party rendering = claim.renderingProvider();
        if (rendering != null && !blank(rendering.npi()) && !digits(rendering.npi()).equals(digits(billing.npi()))) {
            name(s, "82", rendering);
            if (!blank(rendering.taxonomy())) {
                s.write("PRV", "PE", "PXC", text(rendering.taxonomy(), 50));
            }
        }

        int lx = 0;
        for (Charge line : claim.lines()) {
            s.write("LX", String.valueOf(++lx));
            List<String> procedure = new ArrayList<>(List.of("HC", text(line.code(), 48)));
            line.modifiers().forEach(m -> procedure.add(text(m, 2)));
            String pos = line.placeOfService() == null || line.placeOfService().equals(claim.placeOfService())
                    ? null : text(line.placeOfService(), 2);
            String[] pointers = line.diagnosisPointers().stream().map(String::valueOf).toArray(String[]::new);
            s.write("SV1", procedure.toArray(String[]::new), amount(line.amount()), "UN",
                    String.valueOf(line.units()), pos, null, pointers);
            LocalDate date = line.dateOfService() == null ? claim.dateOfService() : line.dateOfService();
            s.write("DTP", "472", "D8", date.format(D8));
            // Echoed by the payer in the 835's SVC loop (REF*6R), so each payment finds its line.
            s.write("REF", "6R", lineItemControlNumber(claim.id(), lx));
        }
    }

    private static void name(SegmentWriter s, String entity, Party party) throws EDIStreamException {
        boolean person = !blank(party.firstName());
        s.write("NM1", entity, person ? "1" : "2", text(party.lastNameOrOrganization(), 60),
                person ? text(party.firstName(), 35) : null, null, null, null, "XX", digits(party.npi()));
    }

    private static void address(SegmentWriter s, PostalAddress address) throws EDIStreamException {
        if (blank(address.line2())) {
            s.write("N3", text(address.line1(), 55));
        } else {
            s.write("N3", text(address.line1(), 55), text(address.line2(), 55));
        }
        s.write("N4", text(address.city(), 30), text(address.state(), 2), digits(address.postalCode()));
    }

    /**
     * CLM01, the patient control number the payer returns in its 277CA and 835 (CLP01): the claim id when it fits in
     * the 20 characters X222A1 obliges receivers to keep (upper case, as written), else "T" and 19 base-32 characters
     * of the id's SHA-256 (95 bits), so that claims whose long ids differ only at the end never share one.
     * Deterministic: the id alone gives it, so it is not stored.
     */
    public static String patientControlNumber(String claimId) {
        return ClaimControlNumbers.patientControlNumber(claimId);
    }

    /**
     * REF*6R of a service line (loop 2400): the claim's {@link #patientControlNumber(String) CLM01}, a hyphen and the
     * line's LX number, e.g. {@code CLM0042-2}; at most 23 characters. Payers return it in the 835 (loop 2110 REF*6R) and
     * the 277CA (2220D REF*FJ), which is how a service payment is matched to its line. Deterministic, so not stored.
     *
     * @param lineNumber the line's position in the claim, 1-based
     */
    public static String lineItemControlNumber(String claimId, int lineNumber) {
        if (lineNumber < 1 || lineNumber > Claim.MAX_LINES) {
            throw new IllegalArgumentException("line number must be 1 to " + Claim.MAX_LINES + ", was " + lineNumber);
        }
        return ClaimControlNumbers.lineItemControlNumber(claimId, lineNumber);
    }

    // ---- grouping and checks --------------------------------------------------------------------------------

    private record SubscriberKey(Subscriber subscriber, String payerEdiId, String payerName) {
    }

    private static Map<Party, Map<SubscriberKey, List<Claim>>> group(List<Claim> claims) {
        Map<Party, Map<SubscriberKey, List<Claim>>> groups = new LinkedHashMap<>();
        for (Claim claim : claims) {
            groups.computeIfAbsent(claim.billingProvider(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(new SubscriberKey(claim.subscriber(), claim.payerEdiId(), claim.payerName()),
                            k -> new ArrayList<>())
                    .add(claim);
        }
        return groups;
    }

    static void check(Claim claim) {
        String id = claim.id();
        require(!blank(id), "a claim has no id");
        require(claim.billingProvider() != null && !blank(claim.billingProvider().npi())
                && !blank(claim.billingProvider().taxId()) && claim.billingProvider().address() != null,
                id, "billing provider needs an NPI, a tax id and an address");
        require(claim.subscriber() != null && !blank(claim.subscriber().memberId())
                && claim.subscriber().birthDate() != null && claim.subscriber().address() != null,
                id, "subscriber needs a member id, a birth date and an address");
        require(!blank(claim.payerEdiId()) && !blank(claim.payerName()), id, "payer needs a name and an EDI id");
        require(!blank(claim.placeOfService()), id, "place of service is missing");
        int diagnoses = claim.diagnoses().size();
        require(diagnoses >= 1 && diagnoses <= Claim.MAX_DIAGNOSES, id, "needs 1 to 12 diagnoses, has " + diagnoses);
        int lines = claim.lines().size();
        require(lines >= 1 && lines <= Claim.MAX_LINES, id, "needs 1 to 50 lines, has " + lines);
        for (int i = 0; i < lines; i++) {
            Charge line = claim.lines().get(i);
            int n = i + 1;
            require(!blank(line.code()), id, "line " + n + " has no procedure code");
            require(line.modifiers().size() <= 4, id, "line " + n + " has more than 4 modifiers");
            require(line.units() > 0, id, "line " + n + " has no units");
            require(line.amount() != null && line.amount().signum() >= 0, id, "line " + n + " has no amount");
            require(!line.diagnosisPointers().isEmpty() && line.diagnosisPointers().size() <= 4, id,
                    "line " + n + " needs 1 to 4 diagnosis pointers");
            for (int p : line.diagnosisPointers()) {
                require(p >= 1 && p <= diagnoses, id, "line " + n + " points to diagnosis " + p + " of " + diagnoses);
            }
            require(line.dateOfService() != null || claim.dateOfService() != null, id,
                    "line " + n + " has no date of service");
        }
        if (claim.frequency() == ClaimFrequency.REPLACEMENT || claim.frequency() == ClaimFrequency.VOID) {
            require(!blank(claim.originalClaimId()) && !blank(claim.originalReference()), id,
                    "a replacement or void needs the original claim and the payer's control number of it");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void require(boolean ok, String claimId, String message) {
        if (!ok) {
            throw new IllegalArgumentException("claim " + claimId + ": " + message);
        }
    }

    // ---- values ---------------------------------------------------------------------------------------------

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String text(String value, int max) {
        return SegmentWriter.text(value, max);
    }

    private static String fixed(String value, int width) {
        return SegmentWriter.fixed(value, width);
    }

    private static String digits(String value) {
        return value == null ? null : value.replaceAll("[^0-9]", "");
    }

    private static String email(String value) {
        String t = value.trim();
        for (char c : new char[] {SEGMENT, ELEMENT, COMPONENT, REPETITION}) {
            t = t.replace(c, '_');
        }
        return t.toUpperCase(Locale.ROOT);
    }

    private static String icd(String code) {
        return text(code.replace(".", ""), 30);
    }

    private static String sex(String sex) {
        if (sex == null || sex.isBlank()) {
            return "U";
        }
        char c = Character.toUpperCase(sex.trim().charAt(0));
        return c == 'F' || c == 'M' ? String.valueOf(c) : "U";
    }

    static String amount(BigDecimal value) {
        return SegmentWriter.amount(value);
    }
}
