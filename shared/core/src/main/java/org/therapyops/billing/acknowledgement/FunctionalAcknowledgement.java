package org.therapyops.billing.acknowledgement;

import java.util.List;

/**
 * A 999 (005010X231A1) for one functional group the practice sent: AK1 names the group (its GS06), each AK2/IK5
 * one transaction set (its ST02), AK9 the group's verdict.
 *
 * @param groupControlNumber       AK102, the GS06 of the acknowledged group (digits, no padding)
 * @param functionalIdentifierCode AK101, HC for an 837 group
 * @param versionCode              AK103 (e.g. 005010X222A1), may be null
 * @param groupStatus              AK901
 * @param transactionSetsIncluded  AK902
 * @param transactionSetsReceived  AK903
 * @param transactionSetsAccepted  AK904
 * @param groupErrorCodes          AK905–AK909 (X12 functional group syntax error codes)
 */
public record FunctionalAcknowledgement(String groupControlNumber, String functionalIdentifierCode, String versionCode,
                                        List<TransactionSetResponse> transactionSets, AckCode groupStatus,
                                        int transactionSetsIncluded, int transactionSetsReceived,
                                        int transactionSetsAccepted, List<String> groupErrorCodes) {

    public FunctionalAcknowledgement {
        transactionSets = List.copyOf(transactionSets);
        groupErrorCodes = List.copyOf(groupErrorCodes);
    }

    /** AK9/IK5 acknowledgment codes. */
    public enum AckCode {
        /** A: accepted. */
        ACCEPTED("A"),
        /** E: accepted, but errors were noted. */
        ACCEPTED_WITH_ERRORS("E"),
        /** P: partially accepted, at least one transaction set rejected (AK9 only). */
        PARTIALLY_ACCEPTED("P"),
        /** M: rejected, message authentication code failed (IK5 only). */
        REJECTED_AUTHENTICATION("M"),
        /** R: rejected. */
        REJECTED("R"),
        /** W: rejected, assurance failed validity tests (IK5 only). */
        REJECTED_ASSURANCE("W"),
        /** X: rejected, content could not be analyzed (IK5 only). */
        REJECTED_UNANALYZABLE("X");

        private final String code;

        AckCode(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** Whether the set or group was not accepted (R, M, W, X). */
        public boolean rejected() {
            return this == REJECTED || this == REJECTED_AUTHENTICATION || this == REJECTED_ASSURANCE
                    || this == REJECTED_UNANALYZABLE;
        }

        public static AckCode of(String code) {
            for (AckCode c : values()) {
                if (c.code.equals(code)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown 999 acknowledgment code " + code);
        }
    }

    /**
     * One AK2 loop: the transaction set's verdict (IK5) and the segment errors (IK3/IK4) behind it.
     *
     * @param controlNumber AK202, the ST02 of the acknowledged set
     * @param errorCodes    IK502–IK506 implementation transaction set syntax error codes
     */
    public record TransactionSetResponse(String identifierCode, String controlNumber, String implementationVersion,
                                         AckCode status, List<String> errorCodes, List<SegmentError> segmentErrors) {
        public TransactionSetResponse {
            errorCodes = List.copyOf(errorCodes);
            segmentErrors = List.copyOf(segmentErrors);
        }
    }

    /**
     * IK3 (with its CTX and IK4s): a segment in error.
     *
     * @param position IK302, the segment's position in the set (ST = 1)
     * @param loopId   IK303, may be null
     * @param code     IK304, implementation segment syntax error code; may be null
     * @param contexts the CTX segments after IK3: the business unit in error (e.g. CLM01 and the claim's patient control
     *                 number) and situational triggers
     */
    public record SegmentError(String segmentId, int position, String loopId, String code, List<ElementError> elements,
                               List<Context> contexts) {
        public SegmentError {
            elements = List.copyOf(elements);
            contexts = List.copyOf(contexts);
        }

        public SegmentError(String segmentId, int position, String loopId, String code, List<ElementError> elements) {
            this(segmentId, position, loopId, code, elements, List.of());
        }
    }

    /**
     * IK4: an element in error. {@code badValue} (IK404) is a copy of submitted data and may be PHI: store it, never log it.
     *
     * @param position IK401 (element position, or "position:component")
     * @param code     IK403, implementation data element syntax error code
     * @param contexts the CTX segments after IK4 (situational triggers)
     */
    public record ElementError(String position, String referenceNumber, String code, String badValue,
                               List<Context> contexts) {
        public ElementError {
            contexts = List.copyOf(contexts);
        }

        public ElementError(String position, String referenceNumber, String code, String badValue) {
            this(position, referenceNumber, code, badValue, List.of());
        }
    }

    /**
     * CTX: where an error belongs. A business unit identifier names the unit in error ({@code name} CLM01, NM109, TRN02…,
     * {@code reference} its value, e.g. the claim's patient control number; may be PHI, such as a member id). A situational
     * trigger ({@code name} SITUATIONAL TRIGGER) names the segment whose presence made the element or segment required.
     *
     * @param name             CTX01-1
     * @param reference        CTX01-2; may be null
     * @param segmentId        CTX02, the trigger segment; may be null
     * @param segmentPosition  CTX03, its position in the set; may be null
     * @param loopId           CTX04; may be null
     * @param elementPosition  CTX05 (element position, or "position:component"); may be null
     */
    public record Context(String name, String reference, String segmentId, Integer segmentPosition, String loopId,
                          String elementPosition) {
    }
}
