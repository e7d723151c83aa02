package org.therapyops.billing.charges;

import org.therapyops.billing.AssistantInvolvement;
import org.therapyops.billing.ServiceLine;
import org.therapyops.billing.SignedNote;
import org.therapyops.billing.TelehealthMode;
import org.therapyops.domain.Discipline;
import org.therapyops.domain.PayerRuleSettings;
import org.therapyops.domain.PayerType;
import org.therapyops.payer.PayerRules;
import org.therapyops.testing.Payers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Fixtures for charge capture: notes, payers and the shipped data. */
final class Notes {

    static final LocalDate DOS = LocalDate.of(2025, 3, 14);
    static final CodeCatalog CATALOG = CodeCatalog.load();
    static final KxThresholds KX = KxThresholds.load();
    static final FeeSchedule FEES = FeeSchedule.loadSample();

    /** Medicare's profile alone: 8-minute rule, CQ/CO, KX, no telehealth modifier. */
    static final PayerRules MEDICARE = Payers.rules("medicare", PayerType.MEDICARE, DOS);
    /** A commercial plan (per-code rounding, no CQ/CO or KX) that wants no telehealth modifier. */
    static final PayerRules COMMERCIAL = Payers.rules("acme", PayerType.COMMERCIAL,
            PayerRuleSettings.NONE.withTelehealthModifierRequired(false), DOS);

    private Notes() {
    }

    static ServiceLine line(String code, int minutes) {
        return new ServiceLine(code, minutes, "prov-1", AssistantInvolvement.NONE);
    }

    static ServiceLine line(String code, int minutes, AssistantInvolvement assistant) {
        return new ServiceLine(code, minutes, "prov-1", assistant);
    }

    static Builder note(Discipline discipline, ServiceLine... lines) {
        return new Builder(discipline, List.of(lines));
    }

    static CaptureResult.Captured captured(CaptureResult result) {
        if (result instanceof CaptureResult.Captured c) {
            return c;
        }
        throw new AssertionError("expected charges, got " + result);
    }

    static TherapyYearToDate ytd(String physicalAndSpeech, String occupational) {
        return new TherapyYearToDate(DOS.getYear(), new BigDecimal(physicalAndSpeech), new BigDecimal(occupational));
    }

    static final class Builder {
        private final Discipline discipline;
        private final List<ServiceLine> lines;
        private List<String> diagnoses = List.of("M54.50", "M25.561");
        private TelehealthMode telehealth = TelehealthMode.IN_PERSON;
        private boolean atHome;
        private LocalDate dateOfService = DOS;
        private final java.util.Map<String, org.therapyops.domain.Provider> providers = new java.util.HashMap<>();

        Builder(Discipline discipline, List<ServiceLine> lines) {
            this.discipline = discipline;
            this.lines = new ArrayList<>(lines);
        }

        Builder diagnoses(String... codes) {
            diagnoses = List.of(codes);
            return this;
        }

        Builder telehealth(TelehealthMode mode, boolean patientAtHome) {
            telehealth = mode;
            atHome = patientAtHome;
            return this;
        }

        /** Providers the lines name (and supervisors), as charge capture reads them. */
        Builder providers(org.therapyops.domain.Provider... known) {
            for (org.therapyops.domain.Provider p : known) {
                providers.put(p.id(), p);
            }
            return this;
        }

        Builder on(LocalDate date) {
            dateOfService = date;
            return this;
        }

        SignedNote build() {
            return new SignedNote("note-1", "appt-1", "pat-1", "cov-1", "payer-1", dateOfService, "11", telehealth,
                    atHome, discipline, diagnoses, lines, providers);
        }

        CaptureResult capture(PayerRules payer) {
            return capture(payer, FEES, TherapyYearToDate.none(dateOfService.getYear()));
        }

        CaptureResult capture(PayerRules payer, KxThresholds kx, FeeSchedule fees, TherapyYearToDate ytd) {
            return ChargeCapture.capture(build(), payer, kx, fees, CATALOG, ytd);
        }

        CaptureResult capture(PayerRules payer, FeeSchedule fees, TherapyYearToDate ytd) {
            return ChargeCapture.capture(build(), payer, KX, fees, CATALOG, ytd);
        }
    }
}
