package org.therapyops.inbound.function;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import org.therapyops.billing.x12.InboundInterchange;
import org.therapyops.billing.x12.X12ParseException;
import org.therapyops.billing.x12.X12Reader;
import org.therapyops.domain.UnitType;
import org.therapyops.inbound.AuthorizationUpdate;
import org.therapyops.inbound.InboundDecoder;
import org.therapyops.inbound.InboundDocument;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a delivery's body may be: an X12 interchange (999, 277CA, 835; raw, any content type but JSON) or a JSON event
 * {@code {"type": …, "data": {…}}} of type {@code x12} ({@code data.x12}: an interchange) or
 * {@value AuthorizationUpdate#TYPE}. An interchange whose usage indicator (ISA15) is not this deployment's is refused:
 * a test file must never post into production data, nor a production one into a test deployment.
 */
final class InboundBodyDecoder implements InboundDecoder {

    private final JsonMapper json;
    private final String usageIndicator;

    InboundBodyDecoder(JsonMapper json, String usageIndicator) {
        this.json = json;
        this.usageIndicator = usageIndicator;
    }

    /** A JSON event as integrators send it. */
    @Serdeable
    record Event(@Nullable String type, @Nullable Data data) {
    }

    /** The event's data: an interchange, or an authorization. */
    @Serdeable
    record Data(@Nullable String x12, @Nullable String memberId, @Nullable String payerId, @Nullable String number,
                @Nullable List<String> serviceCodes, @Nullable String unitType, @Nullable BigDecimal quantity,
                @Nullable String startDate, @Nullable String endDate, @Nullable String status) {
    }

    @Override
    public List<InboundDocument> decode(byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        boolean isJson = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) || text.startsWith("{");
        if (!isJson) {
            return x12(text);
        }
        Event event;
        try {
            event = json.readValue(body, Event.class);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableDeliveryException("the body is not a JSON event {\"type\": ..., \"data\": {...}}");
        }
        if (event == null || event.type() == null || event.data() == null) {
            throw new UndecodableDeliveryException("a JSON event needs \"type\" and \"data\"");
        }
        if (event.type().equals("x12")) {
            if (event.data().x12() == null) {
                throw new UndecodableDeliveryException("an x12 event needs data.x12");
            }
            return x12(event.data().x12().strip());
        }
        if (event.type().equals(AuthorizationUpdate.TYPE)) {
            return List.of(new InboundDocument.AuthorizationChange(authorization(event.data())));
        }
        throw new UndecodableDeliveryException("event type \"" + event.type().replaceAll("[^A-Za-z0-9._-]", "?")
                + "\" is not one this backend accepts (x12, " + AuthorizationUpdate.TYPE + ")");
    }

    private List<InboundDocument> x12(String text) {
        InboundInterchange interchange;
        try {
            interchange = X12Reader.read(text);
        } catch (X12ParseException e) {
            throw new UndecodableDeliveryException("X12: " + e.getMessage(), e);
        }
        if (!usageIndicator.equals(interchange.usageIndicator())) {
            throw new UndecodableDeliveryException("the interchange is marked ISA15 " + interchange.usageIndicator()
                    + " but this deployment takes " + usageIndicator + " (test files never post into production, nor the reverse)");
        }
        List<InboundDocument> documents = new ArrayList<>();
        interchange.functionalAcknowledgements().forEach(a -> documents.add(new InboundDocument.Ack999(a)));
        interchange.claimAcknowledgements().forEach(a -> documents.add(new InboundDocument.Ack277(a)));
        interchange.remittances().forEach(r -> documents.add(new InboundDocument.Era(r)));
        if (documents.isEmpty()) {
            throw new UndecodableDeliveryException("the interchange holds no 999, 277CA or 835");
        }
        return documents;
    }

    private static AuthorizationUpdate authorization(Data d) {
        if (d.status() != null && !d.status().equalsIgnoreCase("APPROVED")) {
            throw new UndecodableDeliveryException("authorization status \"" + d.status().replaceAll("[^A-Za-z_]", "?")
                    + "\" is not applied: only APPROVED authorizations (new, extended or changed) are");
        }
        UnitType unitType;
        try {
            unitType = d.unitType() == null ? null : UnitType.valueOf(d.unitType().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UndecodableDeliveryException("data.unitType must be VISITS, UNITS or HOURS");
        }
        Set<String> codes = new LinkedHashSet<>();
        if (d.serviceCodes() != null) {
            for (String code : d.serviceCodes()) {
                if (code == null || !code.strip().matches("[0-9A-Z][0-9]{3}[0-9A-Z]")) {
                    throw new UndecodableDeliveryException("data.serviceCodes must be CPT/HCPCS codes such as 97110");
                }
                codes.add(code.strip());
            }
        }
        return new AuthorizationUpdate(d.memberId(), d.payerId(), d.number(), codes, unitType, d.quantity(), date("startDate",
                d.startDate()), date("endDate", d.endDate()));
    }

    private static LocalDate date(String field, String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UndecodableDeliveryException("data." + field + " must be a date (YYYY-MM-DD)");
        }
    }
}
