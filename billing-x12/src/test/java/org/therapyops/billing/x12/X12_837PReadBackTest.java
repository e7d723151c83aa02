package org.therapyops.billing.x12;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.Claim;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads every written interchange back with StAEDI, control-structure validation on. */
class X12_837PReadBackTest {

    /** What StAEDI saw in one interchange. */
    record Read(List<String> segments, List<String> errors, int interchanges, int groups, int transactions,
                Map<String, String> firstValues) {
    }

    static Read read(String x12) throws Exception {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, true);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, true);
        List<String> segments = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        int interchanges = 0;
        int groups = 0;
        int transactions = 0;
        try (EDIStreamReader reader = factory.createEDIStreamReader(
                new ByteArrayInputStream(x12.getBytes(StandardCharsets.US_ASCII)))) {
            String segment = null;
            int element = 0;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_INTERCHANGE -> interchanges++;
                    case START_GROUP -> groups++;
                    case START_TRANSACTION -> transactions++;
                    case START_SEGMENT -> {
                        segment = reader.getText();
                        segments.add(segment);
                    }
                    case ELEMENT_DATA -> {
                        element = reader.getLocation().getElementPosition();
                        values.putIfAbsent(segment + String.format("%02d", element), reader.getText());
                    }
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        EDIStreamValidationError error = reader.getErrorType();
                        errors.add(error + " at " + reader.getLocation());
                    }
                    default -> {
                    }
                }
            }
        }
        return new Read(segments, errors, interchanges, groups, transactions, values);
    }

    static Stream<String> shapes() {
        return Claims.shapes().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void staediReadsEveryShapeBackWithoutErrors(String shape) throws Exception {
        List<Claim> claims = Claims.shapes().get(shape);
        Read read = read(Files.write(claims));

        assertThat(read.errors()).isEmpty();
        assertThat(read.interchanges()).isEqualTo(1);
        assertThat(read.groups()).isEqualTo(1);
        assertThat(read.transactions()).isEqualTo(1);
        int st = read.segments().indexOf("ST");
        int se = read.segments().indexOf("SE");
        assertThat(read.firstValues().get("SE01")).isEqualTo(String.valueOf(se - st + 1));
        assertThat(read.firstValues().get("SE02")).isEqualTo(read.firstValues().get("ST02"));
        assertThat(read.firstValues().get("GE01")).isEqualTo("1");
        assertThat(read.firstValues().get("IEA02")).isEqualTo(read.firstValues().get("ISA13"));
        assertThat(read.firstValues().get("GS08")).isEqualTo("005010X222A1");
        assertThat(read.segments().stream().filter("CLM"::equals)).hasSize(claims.size());
        assertThat(read.segments().stream().filter("LX"::equals))
                .hasSize(claims.stream().mapToInt(c -> c.lines().size()).sum());
        assertThat(read.segments()).last().isEqualTo("IEA");
    }

    @Test
    void staediReportsAWrongSegmentCount() throws Exception {
        String broken = Files.write(List.of(Claims.oneLine())).replace("~SE*25*0001~", "~SE*26*0001~");

        Read read = read(broken);

        assertThat(read.errors()).anySatisfy(e -> assertThat(e)
                .startsWith(EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT.name()));
    }

    @Test
    void staediReportsMismatchedControlNumbers() throws Exception {
        String broken = Files.write(List.of(Claims.oneLine())).replace("~IEA*1*000000001", "~IEA*1*000000007");

        Read read = read(broken);

        assertThat(read.errors()).anySatisfy(e -> assertThat(e)
                .startsWith(EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH.name()));
    }
}
