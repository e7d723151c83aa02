package org.therapyops.localcloud;

import java.util.List;

/** What the local cloud is doing: functions, event source mappings, schedules, queue depths (served at /_local/status). */
public record Status(List<FunctionStatus> functions, List<MappingStatus> mappings, List<ScheduleStatus> schedules,
                     List<QueueStatus> queues) {

    /** One function: its instances' readiness, pids and init durations, and invocation counts. */
    public record FunctionStatus(String logicalId, String functionName, boolean ready, List<Long> pids,
                                 List<Long> initDurationsMs, long invocations, long errors, long restarts) {
    }

    /** One event source mapping's counters. */
    public record MappingStatus(String function, String event, String type, String source, long batches, long records,
                                long filteredOut, long failures, long sentToDestination) {
    }

    /** One queue's approximate depth. */
    public record QueueStatus(String logicalId, String url, long approximateMessages, long approximateMessagesNotVisible) {
    }

    /** One Schedule / ScheduleV2 event: its expression, state, next run (UTC, null when none) and counters. */
    public record ScheduleStatus(String function, String event, String type, String expression, String timezone, String state,
                                 String nextRun, long invocations, long failures, long sentToDeadLetter) {
    }
}
