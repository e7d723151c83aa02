package org.therapyops.ports;

/**
 * Port handing out X12 control numbers, unique per practice and per kind: ISA13 interchange, GS06 group and
 * ST02 transaction set control numbers. Each call returns a number never returned before for that practice
 * and kind (1 to 999,999,999). The in-memory adapter serves tests; a DynamoDB adapter (an atomic counter per
 * practice and kind) serves the functions.
 */
public interface ControlNumbers {

    long MAX = 999_999_999L;

    enum Kind { INTERCHANGE, GROUP, TRANSACTION_SET }

    long next(String practiceId, Kind kind);
}
