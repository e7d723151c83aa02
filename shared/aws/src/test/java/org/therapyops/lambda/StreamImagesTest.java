package org.therapyops.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamImagesTest {

    /** The Lambda events library's attribute value, as a stream image carries it. */
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue lambda() {
        return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    }

    static Stream<Arguments> scalarsAndSets() {
        return Stream.of(
                Arguments.of("S", lambda().withS("97110"), AttributeValue.fromS("97110")),
                Arguments.of("S empty", lambda().withS(""), AttributeValue.fromS("")),
                Arguments.of("N", lambda().withN("45"), AttributeValue.fromN("45")),
                Arguments.of("N decimal", lambda().withN("2.5"), AttributeValue.fromN("2.5")),
                Arguments.of("BOOL true", lambda().withBOOL(true), AttributeValue.fromBool(true)),
                Arguments.of("BOOL false", lambda().withBOOL(false), AttributeValue.fromBool(false)),
                Arguments.of("NULL", lambda().withNULL(true), AttributeValue.fromNul(true)),
                Arguments.of("SS", lambda().withSS("97110", "97530"), AttributeValue.fromSs(List.of("97110", "97530"))),
                Arguments.of("NS", lambda().withNS("1", "2.5"), AttributeValue.fromNs(List.of("1", "2.5"))),
                Arguments.of("B", lambda().withB(bytes("note")), AttributeValue.fromB(SdkBytes.fromUtf8String("note"))),
                Arguments.of("BS", lambda().withBS(bytes("a"), bytes("b")),
                        AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("a"), SdkBytes.fromUtf8String("b")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalarsAndSets")
    void convertsEachScalarAndSetType(String type,
                                      com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value,
                                      AttributeValue expected) {
        assertThat(StreamImages.toSdk(Map.of("a", value))).isEqualTo(Map.of("a", expected));
    }

    @Test
    void convertsNestedMaps() {
        var details = lambda().withM(Map.of(
                "authorizationId", lambda().withS("auth-1"),
                "limits", lambda().withM(Map.of("needed", lambda().withN("3"), "remaining", lambda().withN("2")))));

        Map<String, AttributeValue> sdk = StreamImages.toSdk(Map.of("details", details));

        assertThat(sdk).isEqualTo(Map.of("details", AttributeValue.fromM(Map.of(
                "authorizationId", AttributeValue.fromS("auth-1"),
                "limits", AttributeValue.fromM(Map.of("needed", AttributeValue.fromN("3"), "remaining", AttributeValue.fromN("2")))))));
    }

    @Test
    void convertsListsKeepingTheirOrderAndMixedTypes() {
        var reasons = lambda().withL(
                lambda().withM(Map.of("code", lambda().withS("INSUFFICIENT_UNITS"))),
                lambda().withS("second"),
                lambda().withN("3"),
                lambda().withL(lambda().withBOOL(true)));

        Map<String, AttributeValue> sdk = StreamImages.toSdk(Map.of("reasons", reasons));

        assertThat(sdk.get("reasons").l()).containsExactly(
                AttributeValue.fromM(Map.of("code", AttributeValue.fromS("INSUFFICIENT_UNITS"))),
                AttributeValue.fromS("second"),
                AttributeValue.fromN("3"),
                AttributeValue.fromL(List.of(AttributeValue.fromBool(true))));
    }

    @Test
    void convertsEmptyListsAndMaps() {
        Map<String, AttributeValue> sdk = StreamImages.toSdk(Map.of("reasons", lambda().withL(List.of()), "details", lambda().withM(Map.of())));

        assertThat(sdk).isEqualTo(Map.of("reasons", AttributeValue.fromL(List.of()), "details", AttributeValue.fromM(Map.of())));
    }

    @Test
    void keepsEveryAttributeOfTheImage() {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new LinkedHashMap<>();
        image.put("pk", lambda().withS("practice-1"));
        image.put("sk", lambda().withS("APPOINTMENT#appt-1"));
        image.put("version", lambda().withN("1"));

        assertThat(StreamImages.toSdk(image)).containsOnlyKeys("pk", "sk", "version");
    }

    @Test
    void noImageIsAnEmptyItem() {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> none = null;

        assertThat(StreamImages.toSdk(none)).isEmpty();
    }

    @Test
    void aValueOfNoKnownTypeIsRejected() {
        assertThatThrownBy(() -> StreamImages.toSdk(Map.of("a", lambda()))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
