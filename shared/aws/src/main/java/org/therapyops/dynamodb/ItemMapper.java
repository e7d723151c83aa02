package org.therapyops.dynamodb;

import org.therapyops.billing.charges.FeeSchedule;
import org.therapyops.domain.Appointment;
import org.therapyops.domain.AppointmentStatus;
import org.therapyops.domain.AuditEntry;
import org.therapyops.domain.Authorization;
import org.therapyops.domain.AuthorizationRequirement;
import org.therapyops.domain.BillingProfile;
import org.therapyops.domain.Coverage;
import org.therapyops.domain.CoveragePriority;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.Patient;
import org.therapyops.domain.Payer;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerRuleVersion;
import org.therapyops.domain.PayerType;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.domain.PriorAuthorization;
import org.therapyops.domain.Provider;
import org.therapyops.domain.Reason;
import org.therapyops.domain.ReasonCode;
import org.therapyops.domain.SchedulingPolicy;
import org.therapyops.domain.UnitRounding;
import org.therapyops.domain.UnitType;
import org.therapyops.ports.PracticeRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Maps the model to DynamoDB items and back; the one place that knows attribute names. */
public final class ItemMapper {

    private ItemMapper() {
    }

    static Map<String, AttributeValue> patient(String practiceId, Patient p) {
        return base(practiceId, Keys.patient(p.id()), "PATIENT", p.id(), p.createdAt(), p.version())
                .put("firstName", p.firstName()).put("lastName", p.lastName())
                .put("birthDate", p.birthDate()).put("sex", p.sex())
                .put("lastNameKey", lastNameKey(p.lastName())).putAddress(p.address()).build();
    }

    static Patient patient(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Patient(a.string("id"), a.string("firstName"), a.string("lastName"), a.date("birthDate"),
                a.optionalString("sex"), a.address(), a.instant("createdAt"), a.number("version"));
    }

    static Map<String, AttributeValue> payer(String practiceId, Payer p) {
        return base(practiceId, Keys.payer(p.id()), "PAYER", p.id(), p.createdAt(), p.version())
                .put("name", p.name()).put("payerId", p.payerId()).put("payerType", p.payerType())
                .putList("ruleVersions", p.ruleVersions(), ItemMapper::ruleVersion).build();
    }

    /** One version of a payer's rules: only what the payer set is written, so what is absent is the profile's. */
    private static AttributeValue ruleVersion(PayerRuleVersion v) {
        PayerRuleSettings s = v.settings();
        Attributes a = Attributes.builder().put("number", v.number()).put("effectiveFrom", v.effectiveFrom())
                .put("recordedAt", v.recordedAt()).put("recordedBy", v.recordedBy())
                .put("unitRounding", s.unitRounding()).put("posHome", s.telehealthPlaceOfServiceHome())
                .put("posOther", s.telehealthPlaceOfServiceOther());
        if (s.authorization() != null) {
            a.put("authorizationRequired", s.authorization().required()).putStrings("authorizationCodes", s.authorization().codes());
        }
        if (s.timelyFilingDays() != null) {
            a.put("timelyFilingDays", (long) s.timelyFilingDays());
        }
        if (s.telehealthModifierRequired() != null) {
            a.putBool("telehealthModifierRequired", s.telehealthModifierRequired());
        }
        return AttributeValue.fromM(a.build());
    }

    private static PayerRuleVersion ruleVersion(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        Attributes a = Attributes.of(m);
        return new PayerRuleVersion((int) a.number("number"), a.optionalDate("effectiveFrom"), payerSettings(m, false),
                a.instant("recordedAt"), a.optionalString("recordedBy"));
    }

    /**
     * The settings of a rule version, or ({@code legacy}) of a payer item written before versions, from its top-level
     * attributes.
     */
    private static PayerRuleSettings payerSettings(Map<String, AttributeValue> m, boolean legacy) {
        Attributes a = Attributes.of(m);
        AuthorizationRequirement required = a.optionalEnum("authorizationRequired", AuthorizationRequirement.class);
        return new PayerRuleSettings(
                required == null ? null : new PriorAuthorization(required,
                        m.containsKey("authorizationCodes") ? a.strings("authorizationCodes") : java.util.Set.of()),
                a.optionalEnum("unitRounding", UnitRounding.class),
                m.containsKey("timelyFilingDays") ? (int) a.number("timelyFilingDays") : null,
                a.optionalString("posHome"), a.optionalString("posOther"),
                modifierRequired(m, legacy));
    }

    private static Boolean modifierRequired(Map<String, AttributeValue> m, boolean legacy) {
        if (m.containsKey("telehealthModifierRequired")) {
            return Attributes.of(m).bool("telehealthModifierRequired");
        }
        // Written before versions: a payer with telehealth rules and no modifier wanted none.
        return legacy && m.containsKey("posHome") ? Boolean.valueOf(m.containsKey("telehealthModifier")) : null;
    }

    static Payer payer(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        PayerType type = a.optionalEnum("payerType", PayerType.class);
        Instant createdAt = a.instant("createdAt");
        List<PayerRuleVersion> versions;
        if (item.containsKey("ruleVersions")) {
            versions = a.list("ruleVersions").stream().map(ItemMapper::ruleVersion).toList();
        } else if (item.containsKey("authorizationRequired")) {
            // Written before rule versions: the payer's values, each a setting of its own, in force from the start.
            versions = List.of(new PayerRuleVersion(1, null, payerSettings(item, true), createdAt, null));
        } else {
            versions = List.of(); // written before payers carried rules: the profile decides everything
        }
        return new Payer(a.string("id"), a.string("name"), a.string("payerId"), type, versions, createdAt, a.number("version"));
    }

    /** Patients are found by a case-insensitive prefix of their last name. */
    static String lastNameKey(String lastName) {
        return lastName.toLowerCase(java.util.Locale.ROOT);
    }

    static Map<String, AttributeValue> provider(String practiceId, Provider p) {
        return base(practiceId, Keys.provider(p.id()), "PROVIDER", p.id(), p.createdAt(), p.version())
                .put("npi", p.npi()).put("firstName", p.firstName()).put("lastName", p.lastName())
                .put("discipline", p.discipline()).put("taxonomy", p.taxonomy()).put("credential", p.credential())
                .put("supervisorId", p.supervisorId()).build();
    }

    static Provider provider(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Provider(a.string("id"), a.string("npi"), a.string("firstName"), a.string("lastName"),
                a.enumValue("discipline", Discipline.class), a.optionalString("taxonomy"), a.optionalString("credential"),
                a.optionalString("supervisorId"), a.instant("createdAt"), a.number("version"));
    }

    static Map<String, AttributeValue> coverage(String practiceId, Coverage c) {
        return base(practiceId, Keys.coverage(c.patientId(), c.id()), "COVERAGE", c.id(), c.createdAt(), c.version())
                .put("patientId", c.patientId()).put("payerId", c.payerId()).put("memberId", c.memberId())
                .put(MEMBER_KEY, memberKey(practiceId, c.memberId()))
                .put("priority", c.priority()).put("effectiveFrom", c.effectiveFrom())
                .put("effectiveTo", c.effectiveTo()).build();
    }

    /** Key of the Practice table's {@value #BY_MEMBER} index: practice and member id (upper case, blanks around dropped). */
    static final String MEMBER_KEY = "memberKey";
    static final String BY_MEMBER = "ByMember";

    static String memberKey(String practiceId, String memberId) {
        return memberId == null ? null : practiceId + "#" + memberId.strip().toUpperCase(java.util.Locale.ROOT);
    }

    static Coverage coverage(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Coverage(a.string("id"), a.string("patientId"), a.string("payerId"), a.string("memberId"),
                a.enumValue("priority", CoveragePriority.class), a.date("effectiveFrom"), a.optionalDate("effectiveTo"),
                a.instant("createdAt"), a.number("version"));
    }

    static Map<String, AttributeValue> authorization(String practiceId, Authorization z) {
        return base(practiceId, Keys.authorization(z.patientId(), z.id()), "AUTHORIZATION", z.id(), z.createdAt(), z.version())
                .put("patientId", z.patientId()).put("coverageId", z.coverageId()).put("number", z.number())
                .putStrings("serviceCodes", z.serviceCodes()).put("unitType", z.unitType())
                .put("authorized", z.authorized()).put("scheduled", z.scheduled()).put("rendered", z.rendered())
                .put("remaining", z.remaining())
                .put("startDate", z.startDate()).put("endDate", z.endDate()).put("discipline", z.discipline()).build();
    }

    static Authorization authorization(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Authorization(a.string("id"), a.string("patientId"), a.string("coverageId"), a.string("number"),
                a.strings("serviceCodes"), a.enumValue("unitType", UnitType.class), a.number("authorized"),
                a.number("scheduled"), a.number("rendered"), a.date("startDate"), a.date("endDate"),
                a.optionalEnum("discipline", Discipline.class), a.instant("createdAt"), a.number("version"));
    }

    static Map<String, AttributeValue> settings(String practiceId, PracticeSettings s) {
        PracticeSettings.AlertThresholds t = s.alerts();
        Map<String, AttributeValue> recipients = s.recipientsByRole().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> AttributeValue.fromL(e.getValue().stream().map(AttributeValue::fromS).toList())));
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, Keys.SETTINGS).put("type", "SETTINGS")
                .put("schedulingPolicy", s.schedulingPolicy()).put("overrideRole", s.overrideRole()).put("timeZone", s.timeZone())
                .putList("expiryDays", t.expiryDays(), d -> AttributeValue.fromN(Integer.toString(d)))
                .put("remainingPercent", t.remainingPercent()).put("visitsLeft", t.visitsLeft())
                .put("alertExhausted", Boolean.toString(t.exhausted())).put("alertOverScheduled", Boolean.toString(t.overScheduled()))
                .put("alertAppointmentBlocked", Boolean.toString(t.appointmentBlocked()))
                .putMap("recipientsByRole", recipients).putMap("reporting", reporting(s.reporting())).put("version", s.version()).build();
    }

    private static Map<String, AttributeValue> reporting(PracticeSettings.ReportingThresholds r) {
        return Attributes.builder().put("noteMissingDays", r.noteMissingDays()).put("claimMissingDays", r.claimMissingDays())
                .put("unsubmittedDays", r.unsubmittedDays()).put("reviewDays", r.reviewDays()).put("rejectedDays", r.rejectedDays())
                .put("deniedDays", r.deniedDays()).put("lateCancelHours", r.lateCancelHours())
                .put("expiringWithinDays", r.expiringWithinDays()).build();
    }

    private static PracticeSettings.ReportingThresholds reporting(Attributes r) {
        if (r == null) {
            return PracticeSettings.ReportingThresholds.DEFAULTS; // saved before the reports had thresholds
        }
        PracticeSettings.ReportingThresholds d = PracticeSettings.ReportingThresholds.DEFAULTS;
        return new PracticeSettings.ReportingThresholds((int) r.optionalNumber("noteMissingDays", d.noteMissingDays()),
                (int) r.optionalNumber("claimMissingDays", d.claimMissingDays()),
                (int) r.optionalNumber("unsubmittedDays", d.unsubmittedDays()), (int) r.optionalNumber("reviewDays", d.reviewDays()),
                (int) r.optionalNumber("rejectedDays", d.rejectedDays()), (int) r.optionalNumber("deniedDays", d.deniedDays()),
                (int) r.optionalNumber("lateCancelHours", d.lateCancelHours()),
                (int) r.optionalNumber("expiringWithinDays", d.expiringWithinDays()));
    }

    static PracticeSettings settings(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        List<Integer> expiryDays = a.list("expiryDays").stream().map(v -> Integer.parseInt(v.n())).toList();
        Map<String, List<String>> recipients = item.containsKey("recipientsByRole")
                ? item.get("recipientsByRole").m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().l().stream().map(AttributeValue::s).toList()))
                : Map.of();
        return new PracticeSettings(a.enumValue("schedulingPolicy", SchedulingPolicy.class), a.string("overrideRole"),
                a.string("timeZone"), new PracticeSettings.AlertThresholds(expiryDays, (int) a.number("remainingPercent"),
                (int) a.number("visitsLeft"), Boolean.parseBoolean(a.string("alertExhausted")),
                Boolean.parseBoolean(a.string("alertOverScheduled")), Boolean.parseBoolean(a.string("alertAppointmentBlocked"))),
                recipients, reporting(a.map("reporting")), a.number("version"));
    }

    static Map<String, AttributeValue> feeSchedule(String practiceId, FeeSchedule schedule, long version) {
        Map<String, AttributeValue> fees = new java.util.HashMap<>();
        schedule.entries().forEach((key, amount) -> fees.put(key, AttributeValue.fromN(amount.toPlainString())));
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, Keys.FEE_SCHEDULE).put("type", "FEE_SCHEDULE")
                .putMap("fees", fees).put("version", version).build();
    }

    static PracticeRepository.Versioned<FeeSchedule> feeSchedule(Map<String, AttributeValue> item) {
        Map<String, java.math.BigDecimal> fees = new java.util.LinkedHashMap<>();
        AttributeValue map = item.get("fees");
        if (map == null || !map.hasM()) {
            throw new MalformedItemException("fee schedule without fees");
        }
        map.m().forEach((key, amount) -> fees.put(key, new java.math.BigDecimal(amount.n())));
        return new PracticeRepository.Versioned<>(FeeSchedule.of(fees), Attributes.of(item).number("version"));
    }

    /** The years a practice's admin set: {@code thresholds} maps each year to its amount and reference. */
    static Map<String, AttributeValue> kxThresholds(String practiceId, org.therapyops.billing.charges.KxThresholds thresholds, long version) {
        Map<String, AttributeValue> years = new java.util.HashMap<>();
        for (org.therapyops.billing.charges.KxThresholds.Threshold t : thresholds.thresholds()) {
            years.put(Integer.toString(t.year()), AttributeValue.fromM(Map.of("amount", AttributeValue.fromN(t.amount().toPlainString()),
                    "reference", AttributeValue.fromS(t.reference()))));
        }
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, Keys.KX_THRESHOLDS).put("type", "KX_THRESHOLDS")
                .putMap("thresholds", years).put("version", version).build();
    }

    static PracticeRepository.Versioned<org.therapyops.billing.charges.KxThresholds> kxThresholds(Map<String, AttributeValue> item) {
        AttributeValue map = item.get("thresholds");
        if (map == null || !map.hasM()) {
            throw new MalformedItemException("KX thresholds without thresholds");
        }
        List<org.therapyops.billing.charges.KxThresholds.Threshold> years = new java.util.ArrayList<>();
        map.m().forEach((year, value) -> {
            AttributeValue amount = value.hasM() ? value.m().get("amount") : null;
            AttributeValue reference = value.hasM() ? value.m().get("reference") : null;
            if (amount == null || amount.n() == null) {
                throw new MalformedItemException("KX threshold of " + year + " without amount");
            }
            years.add(org.therapyops.billing.charges.KxThresholds.Threshold.practice(Integer.parseInt(year),
                    new java.math.BigDecimal(amount.n()), reference == null ? "" : reference.s()));
        });
        return new PracticeRepository.Versioned<>(org.therapyops.billing.charges.KxThresholds.of(years), Attributes.of(item).number("version"));
    }

    static Map<String, AttributeValue> billingProfile(String practiceId, BillingProfile p) {
        Attributes a = Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, Keys.BILLING_PROFILE).put("type", "BILLING_PROFILE")
                .put("organizationName", p.organizationName()).put("npi", p.npi()).put("taxId", p.taxId())
                .put("taxonomy", p.taxonomy()).putAddress(p.address()).put("version", p.version());
        BillingProfile.Submitter sub = p.submitter();
        if (sub != null) {
            a.putMap("submitter", Attributes.builder().put("id", sub.id()).put("contactName", sub.contactName())
                    .put("phone", sub.phone()).put("email", sub.email()).build());
        }
        return a.build();
    }

    static BillingProfile billingProfile(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        AttributeValue sub = item.get("submitter");
        BillingProfile.Submitter submitter = null;
        if (sub != null && sub.hasM()) {
            Attributes s = Attributes.of(sub.m());
            submitter = new BillingProfile.Submitter(s.string("id"), s.string("contactName"), s.optionalString("phone"),
                    s.optionalString("email"));
        }
        return new BillingProfile(a.string("organizationName"), a.string("npi"), a.string("taxId"), a.string("taxonomy"),
                a.address(), submitter, a.number("version"));
    }

    static Map<String, AttributeValue> appointment(String practiceId, Appointment x) {
        Attributes a = base(practiceId, Keys.appointment(x.id()), "APPOINTMENT", x.id(), x.createdAt(), x.version())
                .put("patientId", x.patientId()).put("providerId", x.providerId()).put("serviceCode", x.serviceCode())
                .put("start", x.start()).put("durationMinutes", x.durationMinutes()).put("status", x.status())
                .put(Keys.START_KEY, Keys.startKey(x.start(), x.id())).put("seriesId", x.seriesId())
                .put("createdBy", x.createdBy());
        Appointment.Decision d = x.decision();
        if (d != null) {
            a.put("authorizationId", d.authorizationId()).put("explanation", d.explanation()).put("decidedAt", d.decidedAt());
            if (!d.reasons().isEmpty()) {
                a.putList("reasons", d.reasons(), ItemMapper::reason);
            }
            if (!d.warnings().isEmpty()) {
                a.putList("warnings", d.warnings(), ItemMapper::reason).putBool("warned", true);
            }
            if (d.authorizationId() != null) {
                a.put("reservedUnits", d.reservedUnits());
            }
            if (d.override() != null) {
                a.put("overrideBy", d.override().by()).put("overrideReason", d.override().reason())
                        .put("overrideAt", d.override().at());
            }
        }
        return a.build();
    }

    /** When a CANCELLED appointment was cancelled (an instant); set by the cancellation, read by reporting. */
    public static final String CANCELLED_AT = "cancelledAt";

    /**
     * Reads an appointment from a table item or a stream image (the same attributes).
     *
     * @throws MalformedItemException when an attribute is missing or of the wrong type
     */
    public static Appointment appointment(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        AppointmentStatus status = a.enumValue("status", AppointmentStatus.class);
        Appointment.Decision decision = null;
        Instant decidedAt = a.optionalInstant("decidedAt");
        Instant overrideAt = a.optionalInstant("overrideAt");
        if (decidedAt != null || overrideAt != null) {
            Appointment.Override override = overrideAt == null ? null
                    : new Appointment.Override(a.string("overrideBy"), a.string("overrideReason"), overrideAt);
            decision = new Appointment.Decision(a.optionalString("authorizationId"), a.optionalNumber("reservedUnits", 0),
                    a.list("reasons").stream().map(ItemMapper::reason).toList(),
                    a.list("warnings").stream().map(ItemMapper::reason).toList(),
                    a.optionalString("explanation"), decidedAt, override);
        }
        long duration = a.number("durationMinutes");
        if (duration <= 0 || duration > 24 * 60) {
            throw new MalformedItemException("attribute durationMinutes is out of range");
        }
        return new Appointment(a.string("id"), a.string("patientId"), a.string("providerId"), a.string("serviceCode"),
                a.dateTime("start"), (int) duration, status, decision, a.optionalString("seriesId"),
                a.instant("createdAt"), a.optionalString("createdBy"), a.number("version"));
    }

    static Map<String, AttributeValue> audit(String practiceId, String sortKey, AuditEntry e) {
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, sortKey).put("type", "AUDIT")
                .put("entityId", e.entityId()).put("at", e.at()).put("actor", e.actor()).put("role", e.role())
                .put("action", e.action()).put("from", e.from()).put("to", e.to()).put("requestId", e.requestId())
                .put("reason", e.reason()).build();
    }

    static AuditEntry audit(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new AuditEntry(a.string("entityId"), a.instant("at"), a.string("actor"), a.optionalString("role"),
                a.string("action"), a.optionalString("from"), a.optionalString("to"), a.optionalString("requestId"),
                a.optionalString("reason"));
    }

    /** The practice (tenant) an item or stream image belongs to: its partition key. */
    public static String practiceOf(Map<String, AttributeValue> item) {
        return Attributes.of(item).string(Keys.PK);
    }

    static AttributeValue reason(Reason r) {
        return AttributeValue.fromM(Map.of(
                "code", AttributeValue.fromS(r.code().name()),
                "message", AttributeValue.fromS(r.message()),
                "details", AttributeValue.fromM(r.details().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue()))))));
    }

    static Reason reason(AttributeValue value) {
        Attributes a = Attributes.of(value.m());
        AttributeValue detailsValue = value.m().get("details");
        Map<String, AttributeValue> details = detailsValue == null || !detailsValue.hasM() ? Map.of() : detailsValue.m();
        Attributes d = Attributes.of(details);
        return new Reason(a.enumValue("code", ReasonCode.class), a.string("message"),
                details.keySet().stream().collect(Collectors.toMap(k -> k, d::string)));
    }

    static List<AttributeValue> reasons(List<Reason> reasons) {
        return reasons.stream().map(ItemMapper::reason).toList();
    }

    private static Attributes base(String practiceId, String sortKey, String type, String id, Instant createdAt, long version) {
        return Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, sortKey).put("type", type).put("id", id)
                .put("createdAt", createdAt).put("version", version);
    }
}
