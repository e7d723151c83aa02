package org.therapyops.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import org.therapyops.billing.remittance.DenialWorkQueue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The denials work queue: denied lines still to work, grouped by reason (CARC) and payer, each group with the next
 * action and a hint in our words (X12 owns the codes' descriptions), largest amount first.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DenialQueueView(List<Group> groups, int claimCount, int lineCount, BigDecimal amount,
                              @OrNull String nextCursor) {

    /** The lines one payer denied for one reason. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(String reason, @OrNull String payerId, @OrNull String payerName, String action, String hint,
                        int count, BigDecimal amount, List<Item> items) {
    }

    /** A denied line: its claim, date of service, code, amount, every adjustment reason and remark. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(String claimId, String patientId, @OrNull LocalDate dateOfService, String claimStatus,
                       @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                               description = "claim line (1-based); 0 when the whole claim was denied")
                       int line,
                       @OrNull String procedureCode, BigDecimal amount, List<String> reasons,
                       List<String> remarks) {
    }

    public static DenialQueueView of(List<DenialWorkQueue.Group> groups, int claims, String nextCursor) {
        List<Group> views = groups.stream().map(g -> new Group(g.reason(), g.payerId(), g.payerName(), g.hint().action().name(),
                g.hint().text(), g.count(), g.amount(), g.items().stream().map(i -> new Item(i.claimId(), i.patientId(),
                i.dateOfService(), i.status(), i.denial().line(), i.denial().procedureCode(), i.denial().amount(),
                i.denial().reasons(), i.denial().remarks())).toList())).toList();
        int lines = groups.stream().mapToInt(DenialWorkQueue.Group::count).sum();
        BigDecimal amount = groups.stream().map(DenialWorkQueue.Group::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new DenialQueueView(views, claims, lines, amount, nextCursor);
    }
}
