package org.therapyops.dynamodb;

import org.therapyops.billing.remittance.EraRecord;
import org.therapyops.billing.remittance.Remittance;
import org.therapyops.billing.remittance.Unapplied;
import org.therapyops.inbound.InboundDelivery;
import org.therapyops.inbound.Integration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Maps integrations, webhook deliveries and ERAs to items of the Inbound table and back. A practice's items have
 * {@code pk} the practice; the webhook door's lookup item of an integration is the one exception, keyed by the
 * integration id alone ({@code WEBHOOK#<id>}) because a delivery carries no token: it holds the practice id, whether
 * the integration is active and its secrets, nothing else. Listings read the {@value #BY_TIME} index
 * ({@code pk}, {@code timeKey} = kind#time#id), newest first.
 */
final class InboundItems {

    static final String INTEGRATION = "INTEGRATION#";
    static final String WEBHOOK = "WEBHOOK#";
    static final String DELIVERY = "DELIVERY#";
    static final String ERA = "ERA#";
    static final String TIME_KEY = "timeKey";
    static final String BY_TIME = "ByTime";

    private InboundItems() {
    }

    static Map<String, AttributeValue> integration(Integration i) {
        return Attributes.builder().put(Keys.PK, i.practiceId()).put(Keys.SK, INTEGRATION + i.id()).put("type", "INTEGRATION")
                .put(TIME_KEY, INTEGRATION + i.createdAt() + "#" + i.id())
                .put("id", i.id()).put("name", i.name()).put("kind", i.kind()).put("status", i.status())
                .putList("secrets", i.secrets(), s -> AttributeValue.fromM(Attributes.builder().put("id", s.id())
                        .put("createdAt", s.createdAt()).put("retiredAt", s.retiredAt()).build()))
                .put("createdAt", i.createdAt()).put("createdBy", i.createdBy()).put("revokedAt", i.revokedAt())
                .put("revokedBy", i.revokedBy()).put("version", i.version()).build();
    }

    static Integration integration(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new Integration(a.string("id"), a.string(Keys.PK), a.string("name"), a.enumValue("kind", Integration.Kind.class),
                a.enumValue("status", Integration.Status.class), a.list("secrets").stream().map(v -> {
                    Attributes s = Attributes.of(v.m());
                    return new Integration.SecretInfo(s.string("id"), s.instant("createdAt"), s.optionalInstant("retiredAt"));
                }).toList(), a.instant("createdAt"), a.optionalString("createdBy"), a.optionalInstant("revokedAt"),
                a.optionalString("revokedBy"), a.number("version"));
    }

    static Map<String, AttributeValue> delivery(InboundDelivery d) {
        return Attributes.builder().put(Keys.PK, d.practiceId()).put(Keys.SK, DELIVERY + d.id()).put("type", "DELIVERY")
                .put(TIME_KEY, DELIVERY + d.receivedAt() + "#" + d.id())
                .put("id", d.id()).put("integrationId", d.integrationId()).put("webhookId", d.webhookId())
                .put("webhookTimestamp", d.webhookTimestamp()).put("receivedAt", d.receivedAt()).put("contentType", d.contentType())
                .put("size", d.size()).put("bodySha256", d.bodySha256()).put("bodyKey", d.bodyKey()).put("status", d.status())
                .put("kind", d.kind()).putStringList("changes", d.changes()).put("error", d.error()).put("attempts", d.attempts())
                .put("appliedAt", d.appliedAt()).putBool("queued", d.queued()).put("version", d.version()).build();
    }

    static InboundDelivery delivery(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        return new InboundDelivery(a.string("id"), a.string(Keys.PK), a.string("integrationId"), a.string("webhookId"),
                a.number("webhookTimestamp"), a.instant("receivedAt"), a.optionalString("contentType"), a.number("size"),
                a.string("bodySha256"), a.string("bodyKey"), a.enumValue("status", InboundDelivery.Status.class),
                a.optionalString("kind"), a.stringList("changes"), a.optionalString("error"), (int) a.optionalNumber("attempts", 0),
                a.optionalInstant("appliedAt"), a.bool("queued"), a.number("version"));
    }

    static Map<String, AttributeValue> era(String practiceId, EraRecord e) {
        Attributes a = Attributes.builder().put(Keys.PK, practiceId).put(Keys.SK, ERA + e.id()).put("type", "ERA")
                .put(TIME_KEY, ERA + e.receivedAt() + "#" + e.id())
                .put("id", e.id()).put("status", e.status()).putMap("payment", payment(e.payment()))
                .put("claimCount", e.claimCount()).put("postedCount", e.postedCount()).putAmount("postedPaid", e.postedPaid())
                .putList("unapplied", e.unapplied(), u -> AttributeValue.fromM(Attributes.builder().put("clpIndex", u.clpIndex())
                        .put("patientControlNumber", u.patientControlNumber()).put("claimId", u.claimId()).put("reason", u.reason())
                        .put("message", u.message()).putAmount("charge", u.charge()).putAmount("paid", u.paid()).build()))
                .putList("providerAdjustments", e.providerAdjustments(), p -> AttributeValue.fromM(Attributes.builder()
                        .put("providerId", p.providerId()).put("fiscalPeriod", p.fiscalPeriod()).put("reasonCode", p.reasonCode())
                        .put("reference", p.reference()).putAmount("amount", p.amount()).build()))
                .putStringList("problems", e.problems()).putStringList("deliveryIds", e.deliveryIds())
                .put("receivedAt", e.receivedAt()).put("appliedAt", e.appliedAt());
        if (e.payer() != null) {
            a.putMap("payer", party(e.payer()));
        }
        if (e.payee() != null) {
            a.putMap("payee", party(e.payee()));
        }
        return a.build();
    }

    static EraRecord era(Map<String, AttributeValue> item) {
        Attributes a = Attributes.of(item);
        Attributes p = a.map("payment");
        Remittance.Payment payment = new Remittance.Payment(p.optionalString("handlingCode"), p.optionalAmount("amount"),
                p.optionalString("creditDebit"), p.optionalString("method"), p.optionalDate("date"), p.optionalString("traceNumber"),
                p.optionalString("payerReference"));
        return new EraRecord(a.string("id"), a.enumValue("status", EraRecord.Status.class), payment, party(a.map("payer")),
                party(a.map("payee")), (int) a.number("claimCount"), (int) a.number("postedCount"), a.amount("postedPaid"),
                a.list("unapplied").stream().map(v -> {
                    Attributes u = Attributes.of(v.m());
                    return new Unapplied((int) u.number("clpIndex"), u.optionalString("patientControlNumber"),
                            u.optionalString("claimId"), u.enumValue("reason", Unapplied.Reason.class), u.optionalString("message"),
                            u.optionalAmount("charge"), u.optionalAmount("paid"));
                }).toList(),
                a.list("providerAdjustments").stream().map(v -> {
                    Attributes x = Attributes.of(v.m());
                    return new Remittance.ProviderAdjustment(x.optionalString("providerId"), x.optionalDate("fiscalPeriod"),
                            x.optionalString("reasonCode"), x.optionalString("reference"), x.optionalAmount("amount"));
                }).toList(), a.stringList("problems"), deliveryIds(item), a.instant("receivedAt"),
                a.optionalInstant("appliedAt"));
    }

    private static java.util.List<String> deliveryIds(Map<String, AttributeValue> item) {
        AttributeValue v = item.get("deliveryIds");
        return v == null || !v.hasSs() ? java.util.List.of() : v.ss().stream().sorted().toList();
    }

    private static Map<String, AttributeValue> payment(Remittance.Payment p) {
        return Attributes.builder().put("handlingCode", p.handlingCode()).putAmount("amount", p.amount())
                .put("creditDebit", p.creditDebit()).put("method", p.method()).put("date", p.date())
                .put("traceNumber", p.traceNumber()).put("payerReference", p.payerReference()).build();
    }

    private static Map<String, AttributeValue> party(Remittance.Party p) {
        return Attributes.builder().put("name", p.name()).put("idQualifier", p.idQualifier()).put("id", p.id()).build();
    }

    private static Remittance.Party party(Attributes a) {
        return a == null ? null : new Remittance.Party(a.optionalString("name"), a.optionalString("idQualifier"), a.optionalString("id"));
    }
}
