package org.therapyops.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The key design. Every partition key is the practice id, so no query can reach across practices;
 * a patient's coverages and authorizations sort under the patient, so one consistent query reads
 * everything the authorization check needs.
 */
final class Keys {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String SETTINGS = "SETTINGS";
    static final String BILLING_PROFILE = "BILLING_PROFILE";
    static final String FEE_SCHEDULE = "FEE_SCHEDULE";
    static final String KX_THRESHOLDS = "KX_THRESHOLDS";

    private Keys() {
    }

    static Map<String, AttributeValue> key(String practiceId, String sortKey) {
        return Map.of(PK, s(practiceId), SK, s(sortKey));
    }

    /**
     * The clauses {@code #aN = :aN} of an UpdateItem's SET that write every attribute of the item but its key, adding
     * each name and value to {@code names} and {@code values} (numbered on from the names already there).
     */
    static java.util.List<String> setEvery(Map<String, AttributeValue> item, Map<String, String> names,
                                           Map<String, AttributeValue> values) {
        java.util.List<String> sets = new java.util.ArrayList<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (e.getKey().equals(PK) || e.getKey().equals(SK)) {
                continue;
            }
            int i = names.size();
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            sets.add("#a" + i + " = :a" + i);
        }
        return sets;
    }

    static String patient(String patientId) {
        return "PATIENT#" + patientId;
    }

    static String patientChildren(String patientId) {
        return "PATIENT#" + patientId + "#";
    }

    static String coverage(String patientId, String coverageId) {
        return patientChildren(patientId) + "COVERAGE#" + coverageId;
    }

    static String authorization(String patientId, String authorizationId) {
        return patientChildren(patientId) + "AUTHORIZATION#" + authorizationId;
    }

    static String payer(String payerId) {
        return "PAYER#" + payerId;
    }

    static String provider(String providerId) {
        return "PROVIDER#" + providerId;
    }

    static String appointment(String appointmentId) {
        return "APPOINTMENT#" + appointmentId;
    }

    /** Sort key of the Appointments table's ByStart index: practice-local start, then id. */
    static final String START_KEY = "startKey";

    private static final java.time.format.DateTimeFormatter MINUTES = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    static String startKey(java.time.LocalDateTime start, String appointmentId) {
        return MINUTES.format(start) + "#" + appointmentId;
    }

    /** One provider's booked intervals on one day (double-booking guard). */
    static String providerDay(String providerId, java.time.LocalDate date) {
        return "DAY#PROVIDER#" + providerId + "#" + date;
    }

    /** One patient's booked intervals on one day (double-booking guard). */
    static String patientDay(String patientId, java.time.LocalDate date) {
        return "DAY#PATIENT#" + patientId + "#" + date;
    }

    /** An audit entry of an appointment; sorts by time under the appointment. */
    static String audit(String appointmentId, java.time.Instant at, String unique) {
        return "AUDIT#" + appointmentId + "#" + at + "#" + unique;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
