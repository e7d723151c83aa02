package org.therapyops.dynamodb;

import org.therapyops.billing.Addendum;
import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.Charge;
import org.therapyops.billing.Claim;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimControlNumbers;
import org.therapyops.billing.ClaimFrequency;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.Note;
import org.therapyops.billing.NoteStatus;
import org.therapyops.billing.Party;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.StoredCharge;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.Subscriber;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.billing.charges.CaptureFinding;
import org.therapyops.billing.charges.CaptureRecord;
import org.therapyops.billing.charges.FindingCode;
import org.therapyops.billing.remittance.LedgerEntry;
import org.therapyops.billing.remittance.Posting;
import org.therapyops.domain.PostalAddress;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Maps notes, charges and claims to items of the Notes and Claims tables and back. */
public final class BillingItems {

    static final String NOTE = "NOTE#";
    static final String CLAIM = "CLAIM#";
    static final String CHARGE = "CHARGE#";
    static final String CAPTURE = "CAPTURE#";
    static final String LEDGER = "LEDGER#";
    static final String BATCH = "BATCH#";

    /**
     * Key of the Claims table's sparse index {@value #NEEDS_REVIEW_INDEX}: written (value NEEDS_REVIEW) only while a
     * claim is NEEDS_REVIEW and removed by every write that moves it out, so the index holds exactly the claims
     * billers must look at, of every practice, sorted by practice ({@code pk} is the index's sort key).
     */
    public static final String REVIEW_QUEUE = "reviewQueue";
    public static final String NEEDS_REVIEW_INDEX = "needsReview";

    /**
     * The {@link #REVIEW_QUEUE} value of a claim in a status: NEEDS_REVIEW (the billers' digest), SCRUB_PENDING (the
     * scrub sweep, which hands a pending claim to the scrub queue when queueing it failed) or REJECTED (claims a 999 or
     * 277CA sent back); null, absent, otherwise. Denials have their own value, {@link #DENIALS}, set by
     * {@link #reviewQueue(ClaimStatus, PayerResponse)}.
     */
    static String reviewQueue(ClaimStatus status) {
        return status == ClaimStatus.NEEDS_REVIEW || status == ClaimStatus.SCRUB_PENDING || status == ClaimStatus.REJECTED
                ? status.name() : null;
    }

    /** The work-queue value of claims with denied lines still to work (DENIED or PARTIALLY_PAID, not replaced or closed). */
    static final String DENIALS = "DENIALS";

    /** The {@link #REVIEW_QUEUE} value of a claim in a status with what came back for it. */
    static String reviewQueue(ClaimStatus status, PayerResponse response) {
        if ((status == ClaimStatus.DENIED || status == ClaimStatus.PARTIALLY_PAID) && !response.denials().isEmpty()) {
            return DENIALS;
        }
        return reviewQueue(status);
    }

    /**
     * Key of the Claims table's {@value #BY_CONTROL_NUMBER} index: practice and patient control number (CLM01), written once
     * the claim went in a batch, so 277CA and 835 files find the claim they speak of.
     */
    static final String CONTROL_KEY = "controlKey";
    static final String BY_CONTROL_NUMBER = "ByControlNumber";

    static String controlKey(String practiceId, String claimId) {
        return practiceId + "#" + ClaimControlNumbers.patientControlNumber(claimId);
    }
    /** Partition key of a claim in the Claims table's ByPatient index: practice and patient, so it never crosses practices. */
    static final String PATIENT_KEY = "patientKey";
    /** Sort key of a claim in the ByPatient index: date of service, then claim id. */
    static final String SERVICE_KEY = "serviceKey";

    private BillingItems() {
    }

    // ------------------------------------------------------------------ notes

    static Map<String, AttributeValue> note(String practiceId, Note n) {
        Attributes a = Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, NOTE + n.id()).put("type", "NOTE")
                .put("id", n.id()).put("appointmentId", n.appointmentId()).put("patientId", n.patientId())
                .put("renderingProviderId", n.renderingProviderId()).put("status", n.status().name())
                .put("dateOfService", n.dateOfService()).put("placeOfService", n.placeOfService())
                .put("telehealth", n.telehealth()).putBool("patientAtHome", n.patientAtHome())
                .putList("diagnoses", n.diagnoses(), AttributeValue::fromS)
                .putList("lines", n.lines(), BillingItems::line)
                .putList("addenda", n.addenda(), BillingItems::addendum)
                .put("createdAt", n.createdAt()).put("createdBy", n.createdBy())
                .put("signedAt", n.signedAt()).put("signedBy", n.signedBy()).put("version", n.version());
        return a.build();
    }

    /** A note from its item or from a Notes stream image. */
    public static Note note(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        AttributeValue home = item.get("patientAtHome");
        return new Note(a.string("id"), a.string("appointmentId"), a.string("patientId"), a.string("renderingProviderId"),
                a.enumValue("status", NoteStatus.class), a.date("dateOfService"), a.optionalString("placeOfService"),
                a.optionalEnum("telehealth", TelehealthMode.class), home != null && Boolean.TRUE.equals(home.bool()),
                a.list("diagnoses").stream().map(AttributeValue::s).toList(),
                a.list("lines").stream().map(BillingItems::line).toList(),
                a.list("addenda").stream().map(BillingItems::addendum).toList(),
                a.instant("createdAt"), a.optionalString("createdBy"), a.optionalInstant("signedAt"),
                a.optionalString("signedBy"), a.number("version"));
    }

    static AttributeValue line(ServiceLine l) {
        return AttributeValue.fromM(Attributes.builder().put("code", l.code()).put("minutes", l.minutes())
                .put("renderingProviderId", l.renderingProviderId())
                .put("assistant", l.assistant() == null ? AssistantInvolvement.NONE : l.assistant()).build());
    }

    static ServiceLine line(AttributeValue value) {
        Attributes a = Attributes.of(value.m());
        return new ServiceLine(a.string("code"), (int) a.number("minutes"), a.string("renderingProviderId"),
                a.enumValue("assistant", AssistantInvolvement.class));
    }

    static AttributeValue addendum(Addendum d) {
        return AttributeValue.fromM(Attributes.builder().put("text", d.text()).put("author", d.author())
                .put("at", d.at()).build());
    }

    static Addendum addendum(AttributeValue value) {
        Attributes a = Attributes.of(value.m());
        return new Addendum(a.string("text"), a.string("author"), a.instant("at"));
    }

    // ------------------------------------------------------------------ charges and claims

    static Map<String, AttributeValue> charge(String practiceId, StoredCharge c) {
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, CHARGE + c.id()).put("type", "CHARGE")
                .put("id", c.id()).put("noteId", c.noteId()).put("claimId", c.claimId())
                .putMap("charge", charge(c.charge()).m()).build();
    }

    static StoredCharge storedCharge(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new StoredCharge(a.string("id"), a.string("noteId"), a.optionalString("claimId"), charge(item.get("charge")));
    }

    static AttributeValue charge(Charge c) {
        Map<String, AttributeValue> m = Attributes.builder().put("code", c.code())
                .putList("modifiers", c.modifiers(), AttributeValue::fromS).put("units", c.units())
                .put("minutes", c.minutes())
                .putList("diagnosisPointers", c.diagnosisPointers(), p -> AttributeValue.fromN(Integer.toString(p)))
                .put("renderingProviderId", c.renderingProviderId()).put("dateOfService", c.dateOfService())
                .put("placeOfService", c.placeOfService()).build();
        m.put("amount", AttributeValue.fromN(c.amount().toPlainString()));
        return AttributeValue.fromM(m);
    }

    static Charge charge(AttributeValue value) {
        Attributes a = Attributes.of(value.m());
        BigDecimal amount = amount(value.m(), "amount");
        return new Charge(a.string("code"), a.list("modifiers").stream().map(AttributeValue::s).toList(),
                (int) a.number("units"), (int) a.number("minutes"),
                a.list("diagnosisPointers").stream().map(p -> Integer.parseInt(p.n())).toList(), amount,
                a.optionalString("renderingProviderId"), a.date("dateOfService"), a.optionalString("placeOfService"));
    }

    static Map<String, AttributeValue> claim(String practiceId, StoredClaim s) {
        Claim c = s.claim();
        Attributes a = Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, CLAIM + c.id()).put("type", "CLAIM")
                .put("id", c.id()).put("noteId", s.noteId()).put("noteSignedAt", s.noteSignedAt())
                .put(PATIENT_KEY, patientKey(practiceId, c.patientId())).put(SERVICE_KEY, serviceKey(c.dateOfService(), c.id()))
                .put("status", s.status().name())
                .put(REVIEW_QUEUE, reviewQueue(s.status(), s.response()))
                .putBool("queued", s.queued()).put("createdAt", s.createdAt()).put("version", s.version())
                .put("patientId", c.patientId()).put("coverageId", c.coverageId()).put("payerId", c.payerId())
                .put("payerName", c.payerName()).put("payerEdiId", c.payerEdiId())
                .put("dateOfService", c.dateOfService()).put("placeOfService", c.placeOfService())
                .put("frequency", c.frequency()).put("originalClaimId", c.originalClaimId())
                .put("priorAuthorizationNumber", c.priorAuthorizationNumber())
                .putList("diagnoses", c.diagnoses(), AttributeValue::fromS)
                .putList("lines", c.lines(), BillingItems::charge)
                .put("originalReference", c.originalReference());
        response(a, practiceId, c.id(), s.response());
        milestones(a, s.milestones());
        party(a, "billingProvider", c.billingProvider());
        party(a, "renderingProvider", c.renderingProvider());
        party(a, "referringProvider", c.referringProvider());
        if (c.subscriber() != null) {
            Subscriber sub = c.subscriber();
            Attributes m = Attributes.builder().put("memberId", sub.memberId()).put("lastName", sub.lastName())
                    .put("firstName", sub.firstName()).put("birthDate", sub.birthDate()).put("sex", sub.sex());
            m.putAddress(sub.address());
            a.putMap("subscriber", m.build());
        }
        Map<String, AttributeValue> item = a.build();
        item.put("totalCharge", AttributeValue.fromN(c.totalCharge().toPlainString()));
        return item;
    }

    /** A stored claim from its item or from a Claims stream image. */
    public static StoredClaim claim(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        Subscriber subscriber = null;
        AttributeValue sub = item.get("subscriber");
        if (sub != null && sub.hasM()) {
            Attributes s = Attributes.of(sub.m());
            subscriber = new Subscriber(s.optionalString("memberId"), s.optionalString("lastName"),
                    s.optionalString("firstName"), s.optionalDate("birthDate"), s.optionalString("sex"), s.address());
        }
        Claim claim = new Claim(a.string("id"), a.string("patientId"), a.optionalString("coverageId"),
                a.optionalString("payerId"), a.optionalString("payerName"), a.optionalString("payerEdiId"),
                party(item.get("billingProvider")), party(item.get("renderingProvider")),
                party(item.get("referringProvider")), subscriber, a.date("dateOfService"),
                a.optionalString("placeOfService"), a.enumValue("frequency", ClaimFrequency.class),
                a.optionalString("originalClaimId"), a.optionalString("priorAuthorizationNumber"),
                a.list("diagnoses").stream().map(AttributeValue::s).toList(),
                a.list("lines").stream().map(BillingItems::charge).toList(), a.optionalString("originalReference"));
        AttributeValue queued = item.get("queued");
        return new StoredClaim(claim, a.optionalString("noteId"), a.optionalInstant("noteSignedAt"),
                a.enumValue("status", ClaimStatus.class),
                queued != null && Boolean.TRUE.equals(queued.bool()), a.instant("createdAt"), a.number("version"), response(a),
                milestones(a));
    }

    // ------------------------------------------------------------------ what happened to a claim the first time

    /** Attribute names of {@link ClaimMilestones}; the repository's updates set each once (if_not_exists). */
    static final String FIRST_SCRUB = "firstScrub";
    static final String FIRST_SCRUBBED_AT = "firstScrubbedAt";
    static final String FIRST_SUBMITTED_AT = "firstSubmittedAt";
    static final String FIRST_DECISION = "firstDecision";
    static final String FIRST_DECISION_AT = "firstDecisionAt";
    static final String FIRST_ADJUDICATION = "firstAdjudication";
    static final String FIRST_ADJUDICATED_AT = "firstAdjudicatedAt";
    static final String INITIAL_DENIALS = "initialDenials";

    static void milestones(Attributes a, ClaimMilestones m) {
        a.put(FIRST_SCRUB, m.firstScrub()).put(FIRST_SCRUBBED_AT, m.firstScrubbedAt()).put(FIRST_SUBMITTED_AT, m.firstSubmittedAt())
                .put(FIRST_DECISION, m.firstDecision()).put(FIRST_DECISION_AT, m.firstDecisionAt())
                .put(FIRST_ADJUDICATION, m.firstAdjudication()).put(FIRST_ADJUDICATED_AT, m.firstAdjudicatedAt());
        if (m.firstAdjudication() != null) {
            a.build().put(INITIAL_DENIALS, denials(m.initialDenials()));
        }
    }

    static ClaimMilestones milestones(Attributes a) {
        return new ClaimMilestones(a.optionalEnum(FIRST_SCRUB, ClaimStatus.class), a.optionalInstant(FIRST_SCRUBBED_AT),
                a.optionalInstant(FIRST_SUBMITTED_AT), a.optionalEnum(FIRST_DECISION, ClaimStatus.class),
                a.optionalInstant(FIRST_DECISION_AT), a.optionalEnum(FIRST_ADJUDICATION, ClaimStatus.class),
                a.optionalInstant(FIRST_ADJUDICATED_AT), denials(a, INITIAL_DENIALS));
    }

    // ------------------------------------------------------------------ what came back for a claim

    /** Writes what came back for a claim as top-level attributes (the indexes project some of them). */
    static void response(Attributes a, String practiceId, String claimId, PayerResponse r) {
        a.put("batchId", r.batchId()).put("submittedAt", r.submittedAt()).put("payerClaimControlNumber", r.payerClaimControlNumber())
                .put("successorId", r.successorId());
        if (r.batchId() != null) {
            a.put(CONTROL_KEY, controlKey(practiceId, claimId));
        }
        responseValues(r).forEach((name, value) -> a.build().put(name, value));
    }

    /** The attributes of a response that updates set (everything but batch, submission time and control key). */
    static Map<String, AttributeValue> responseValues(PayerResponse r) {
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        if (r.acknowledgement() != null) {
            PayerResponse.Acknowledgement k = r.acknowledgement();
            values.put("acknowledgement", AttributeValue.fromM(Attributes.builder().put("source", k.source())
                    .putBool("accepted", k.accepted()).putStringList("statuses", k.statuses()).put("message", k.message())
                    .put("payerClaimControlNumber", k.payerClaimControlNumber()).put("deliveryId", k.deliveryId())
                    .put("at", k.at()).build()));
        }
        if (r.remittance() != null) {
            PayerResponse.RemittanceTotals t = r.remittance();
            values.put("remittance", AttributeValue.fromM(Attributes.builder().putAmount("paid", t.paid())
                    .putAmount("patientResponsibility", t.patientResponsibility()).putAmount("adjusted", t.adjusted())
                    .putList("allowedByLine", t.allowedByLine(), v -> v == null ? AttributeValue.fromNul(true)
                            : AttributeValue.fromN(v.toPlainString()))
                    .put("lastEraId", t.lastEraId()).put("lastPostedAt", t.lastPostedAt()).put("postings", t.postings()).build()));
        }
        values.put("denials", denials(r.denials()));
        if (r.denialWork() != null) {
            PayerResponse.DenialWork w = r.denialWork();
            values.put("denialWork", AttributeValue.fromM(Attributes.builder().put("action", w.action()).put("note", w.note())
                    .put("by", w.by()).put("at", w.at()).putAmount("amount", w.amount()).build()));
        }
        return values;
    }

    static PayerResponse response(Attributes a) {
        Attributes k = a.map("acknowledgement");
        PayerResponse.Acknowledgement ack = k == null ? null : new PayerResponse.Acknowledgement(k.string("source"),
                k.bool("accepted"), k.stringList("statuses"), k.optionalString("message"),
                k.optionalString("payerClaimControlNumber"), k.optionalString("deliveryId"), k.optionalInstant("at"));
        Attributes t = a.map("remittance");
        PayerResponse.RemittanceTotals totals = t == null ? null : new PayerResponse.RemittanceTotals(t.amount("paid"),
                t.amount("patientResponsibility"), t.amount("adjusted"),
                t.list("allowedByLine").stream().map(v -> v.n() == null ? null : new BigDecimal(v.n())).toList(),
                t.optionalString("lastEraId"), t.optionalInstant("lastPostedAt"), (int) t.optionalNumber("postings", 0));
        List<PayerResponse.Denial> denials = denials(a, "denials");
        Attributes w = a.map("denialWork");
        PayerResponse.DenialWork work = w == null ? null : new PayerResponse.DenialWork(w.string("action"),
                w.optionalString("note"), w.optionalString("by"), w.optionalInstant("at"), w.optionalAmount("amount"));
        return new PayerResponse(a.optionalString("batchId"), a.optionalInstant("submittedAt"), ack,
                a.optionalString("payerClaimControlNumber"), totals, denials, a.optionalString("successorId"), work);
    }

    static AttributeValue denials(List<PayerResponse.Denial> denials) {
        return AttributeValue.fromL(denials.stream().map(d -> AttributeValue.fromM(Attributes.builder()
                .put("line", d.line()).put("procedureCode", d.procedureCode()).putAmount("amount", d.amount())
                .putStringList("reasons", d.reasons()).putStringList("remarks", d.remarks()).build())).toList());
    }

    static List<PayerResponse.Denial> denials(Attributes a, String name) {
        return a.list(name).stream().map(v -> {
            Attributes d = Attributes.of(v.m());
            return new PayerResponse.Denial((int) d.number("line"), d.optionalString("procedureCode"), d.amount("amount"),
                    d.stringList("reasons"), d.stringList("remarks"));
        }).toList();
    }

    // ------------------------------------------------------------------ the ledger

    static Map<String, AttributeValue> posting(String practiceId, Posting p) {
        Attributes a = Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, LEDGER + p.claimId() + "#" + p.id())
                .put("type", "POSTING").put("id", p.id()).put("eraId", p.eraId()).put("clpIndex", p.clpIndex())
                .put("claimId", p.claimId()).put("deliveryId", p.deliveryId()).put("traceNumber", p.traceNumber())
                .put("paymentDate", p.paymentDate()).put("statusCode", p.statusCode())
                .put("payerClaimControlNumber", p.payerClaimControlNumber()).putAmount("charge", p.charge())
                .putAmount("paid", p.paid()).putAmount("patientResponsibility", p.patientResponsibility())
                .putList("entries", p.entries(), e -> AttributeValue.fromM(Attributes.builder().put("kind", e.kind())
                        .put("line", e.line()).put("group", e.group()).put("reason", e.reason()).putAmount("amount", e.amount())
                        .build()))
                .putStringList("remarks", p.remarks()).put("postedAt", p.postedAt());
        return a.build();
    }

    static Posting posting(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Posting(a.string("id"), a.string("eraId"), (int) a.number("clpIndex"), a.string("claimId"),
                a.optionalString("deliveryId"), a.optionalString("traceNumber"), a.optionalDate("paymentDate"),
                a.string("statusCode"), a.optionalString("payerClaimControlNumber"), a.amount("charge"), a.amount("paid"),
                a.amount("patientResponsibility"), a.list("entries").stream().map(v -> {
                    Attributes e = Attributes.of(v.m());
                    return new LedgerEntry(e.enumValue("kind", LedgerEntry.Kind.class), (int) e.number("line"),
                            e.optionalString("group"), e.optionalString("reason"), e.amount("amount"));
                }).toList(), a.stringList("remarks"), a.instant("postedAt"));
    }

    static Map<String, AttributeValue> capture(String practiceId, CaptureRecord r) {
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, CAPTURE + r.noteId()).put("type", "CAPTURE")
                .put("noteId", r.noteId()).put("outcome", r.outcome()).put("capturedAt", r.capturedAt())
                .putList("claimIds", r.claimIds(), AttributeValue::fromS)
                .putList("findings", r.findings(), f -> AttributeValue.fromM(Attributes.builder().put("code", f.code())
                        .put("line", f.line()).put("message", f.message()).build()))
                .build();
    }

    static CaptureRecord capture(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new CaptureRecord(a.string("noteId"), a.enumValue("outcome", CaptureRecord.Outcome.class),
                a.list("claimIds").stream().map(AttributeValue::s).toList(),
                a.list("findings").stream().map(v -> {
                    Attributes f = Attributes.of(v.m());
                    return new CaptureFinding(f.enumValue("code", FindingCode.class), (int) f.number("line"), f.string("message"));
                }).toList(), a.instant("capturedAt"));
    }

    static String patientKey(String practiceId, String patientId) {
        return practiceId + "#" + patientId;
    }

    static String serviceKey(java.time.LocalDate dateOfService, String claimId) {
        return dateOfService + "#" + claimId;
    }

    private static void party(Attributes target, String name, Party p) {
        if (p == null) {
            return;
        }
        Attributes m = Attributes.builder().put("lastNameOrOrganization", p.lastNameOrOrganization())
                .put("firstName", p.firstName()).put("npi", p.npi()).put("taxId", p.taxId()).put("taxonomy", p.taxonomy());
        m.putAddress(p.address());
        target.putMap(name, m.build());
    }

    private static Party party(AttributeValue value) {
        if (value == null || !value.hasM()) {
            return null;
        }
        Attributes a = Attributes.of(value.m());
        return new Party(a.optionalString("lastNameOrOrganization"), a.optionalString("firstName"),
                a.optionalString("npi"), a.optionalString("taxId"), a.optionalString("taxonomy"), a.address());
    }

    private static BigDecimal amount(Map<String, AttributeValue> holder, String name) {
        AttributeValue value = holder.get(name);
        if (value == null || value.n() == null) {
            throw new MalformedItemException("attribute " + name + " is missing or not a number");
        }
        return new BigDecimal(value.n());
    }
}
