package org.therapyops.localcloud;

import java.util.List;

/**
 * What the local cloud is doing: functions, event source mappings, schedules, queue depths and the simulated
 * clearinghouse (null when none runs), served at /_local/status.
 */
public record Status(List<FunctionStatus> functions, List<MappingStatus> mappings, List<ScheduleStatus> schedules,
                     List<QueueStatus> queues, ClearinghouseStatus clearinghouse, FaultsStatus faults,
                     TransactionTokensStatus transactionTokens) {

    /** One function: its instances' readiness, pids and init durations, and invocation counts. */
    public record FunctionStatus(String logicalId, String functionName, boolean ready, List<Long> pids,
                                 List<Long> initDurationsMs, long invocations, long errors, long restarts) {
    }

    /**
     * One event source mapping's counters; {@code concurrency} is how many batches it has in flight at most (a stream
     * mapping's ParallelizationFactor, an SQS mapping's pollers); {@code pending} what it holds and has not yet
     * delivered for good (a stream's records read but not checkpointed, an SQS mapping's duplicates still to come).
     */
    public record MappingStatus(String function, String event, String type, String source, long batches, long records,
                                long filteredOut, long failures, long sentToDestination, int concurrency, long pending) {
    }

    /** One queue's approximate depth, and its visibility timeout as created (the template's, times the time scale). */
    public record QueueStatus(String logicalId, String url, long approximateMessages, long approximateMessagesNotVisible,
                              long visibilityTimeoutSeconds) {
    }

    /**
     * The faults of this run: whether any are on, their settings ({@link Faults#describe()}), the time scale of
     * visibility timeouts and retry delays (1: as in template.yaml), and what was injected, by kind then function, with
     * the total.
     */
    public record FaultsStatus(boolean enabled, java.util.Map<String, Object> settings, double timeScale,
                               java.util.Map<String, java.util.Map<String, Long>> injected, long total) {
    }

    /**
     * TransactWriteItems ClientRequestTokens seen at the IAM gates (DynamoDB's idempotency, which moto lacks): tokens
     * of successes remembered now (each for 10 minutes), repeats answered with the first success without applying
     * them again, repeats with other parameters refused (IdempotentParameterMismatchException) and repeats while the
     * first was still being applied (TransactionInProgressException).
     */
    public record TransactionTokensStatus(long remembered, long replayed, long mismatched, long inProgress) {
    }

    /** One Schedule / ScheduleV2 event: its expression, state, next run (UTC, null when none) and counters. */
    public record ScheduleStatus(String function, String event, String type, String expression, String timezone, String state,
                                 String nextRun, long invocations, long failures, long sentToDeadLetter) {
    }

    /**
     * The simulated clearinghouse: the integrations it acts for (ids only), the batches it answered or skipped (practice
     * not connected), and its webhook POSTs: sent (retries included), answered 2xx, failed (non-2xx or no answer),
     * deliveries abandoned after the last retry and documents not sent behind them; the latest outcomes, newest last.
     */
    public record ClearinghouseStatus(List<Connection> integrations, String table, long batches, long unconnectedBatches,
                                      long responderErrors, long posted, long answered2xx, long failed, long abandoned,
                                      long notSent, List<Outcome> recent) {
    }

    /** One connected integration of a practice. */
    public record Connection(String practiceId, String integrationId) {
    }

    /** One webhook POST: its id, the attempt, the status answered (0: no answer) and when. */
    public record Outcome(String webhookId, String integrationId, int attempt, int status, String at) {
    }
}
