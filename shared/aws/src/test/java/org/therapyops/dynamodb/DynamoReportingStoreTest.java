package org.therapyops.dynamodb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapyops.billing.ClaimMilestones;
import org.therapyops.billing.ClaimStatus;
import org.therapyops.billing.PayerResponse;
import org.therapyops.billing.StoredClaim;
import org.therapyops.billing.remittance.Remittances;
import org.therapyops.domain.PracticeSettings;
import org.therapyops.ports.ClaimRepository;
import org.therapyops.ports.PracticeRepository;
import org.therapyops.ports.ReportingStore;
import org.therapyops.reporting.Aggregate;
import org.therapyops.reporting.ArRead;
import org.therapyops.reporting.Cell;
import org.therapyops.reporting.ClaimSnapshot;
import org.therapyops.reporting.Contribution;
import org.therapyops.reporting.Contributions;
import org.therapyops.reporting.InMemoryReportingStore;
import org.therapyops.reporting.ReportingRules;
import org.therapyops.reporting.service.ReportingService;
import org.therapyops.reporting.WorkItem;
import org.therapyops.testing.Moto;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The reporting table on moto: a fact and its deltas written together, replays and races ending as the latest state alone. */
class DynamoReportingStoreTest {

    private static DynamoDbClient dynamo;
    private static DynamoReportingStore store;
    private static String table;
    private final String practiceId = "practice-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        Moto moto = Moto.shared();
        dynamo = moto.dynamo();
        table = moto.createReportingTable();
        store = new DynamoReportingStore(dynamo, table);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    static ReportingService service(ReportingStore store) {
        PracticeRepository practice = (PracticeRepository) Proxy.newProxyInstance(DynamoReportingStoreTest.class.getClassLoader(),
                new Class<?>[] {PracticeRepository.class}, (p, m, a) -> PracticeSettings.defaults());
        ClaimRepository claims = (ClaimRepository) Proxy.newProxyInstance(DynamoReportingStoreTest.class.getClassLoader(),
                new Class<?>[] {ClaimRepository.class}, (p, m, a) -> java.util.Optional.empty());
        return new ReportingService(store, practice, claims, new Contributions(ReportingRules.load()), Clock.systemUTC());
    }

    /** Versions 1..n of a claim going SCRUB_PENDING → READY → SUBMITTED → PARTIALLY_PAID with a denial. */
    static List<StoredClaim> life(String id) {
        StoredClaim base = Remittances.submitted(id, "97110", "60.00", "97140", "40.00");
        ClaimMilestones m = ClaimMilestones.NONE;
        List<StoredClaim> versions = new ArrayList<>();
        versions.add(version(base, 1, ClaimStatus.SCRUB_PENDING, PayerResponse.NONE, m));
        m = m.scrubbed(ClaimStatus.READY, Instant.parse("2026-11-16T16:00:00Z"));
        versions.add(version(base, 2, ClaimStatus.READY, PayerResponse.NONE, m));
        m = m.submitted(Instant.parse("2026-11-17T16:00:00Z"));
        PayerResponse sent = PayerResponse.NONE.withSubmission("B1", Instant.parse("2026-11-17T16:00:00Z"));
        versions.add(version(base, 3, ClaimStatus.SUBMITTED, sent, m));
        List<PayerResponse.Denial> denials = List.of(new PayerResponse.Denial(2, "97140", new BigDecimal("40.00"), List.of("CO-97"), List.of()));
        Instant posted = Instant.parse("2026-12-01T16:00:00Z");
        m = m.answered(ClaimStatus.PARTIALLY_PAID, posted, denials);
        versions.add(version(base, 4, ClaimStatus.PARTIALLY_PAID, sent.withRemittance(new PayerResponse.RemittanceTotals(
                new BigDecimal("45.00"), new BigDecimal("15.00"), new BigDecimal("40.00"), List.of(), "era", posted, 1), "P", denials), m));
        return versions;
    }

    static StoredClaim version(StoredClaim base, long v, ClaimStatus status, PayerResponse r, ClaimMilestones m) {
        return new StoredClaim(base.claim(), base.noteId(), base.noteSignedAt(), status, true, base.createdAt(), v, r, m);
    }

    private Map<Aggregate, Map<String, BigDecimal>> everything(ReportingStore s, String practice) {
        ReportingStore.Snapshot snapshot = s.read(practice, EnumSet.of(Aggregate.Kind.DAY_TOTAL, Aggregate.Kind.DAY_PAYER,
                Aggregate.Kind.DAY_PROVIDER, Aggregate.Kind.DAY_CARC, Aggregate.Kind.WORK), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
                new ArRead(LocalDate.of(2026, 1, 1), true), false);
        Map<Aggregate, Map<String, BigDecimal>> result = new TreeMap<>(java.util.Comparator.comparing(Aggregate::key));
        snapshot.aggregates().forEach((a, counters) -> {
            Map<String, BigDecimal> nonZero = new TreeMap<>();
            counters.forEach((k, v) -> {
                if (v.signum() != 0) {
                    nonZero.put(k, v.stripTrailingZeros());
                }
            });
            if (!nonZero.isEmpty()) {
                result.put(a, nonZero);
            }
        });
        return result;
    }

    @Test
    void aNewerVersionThatMovesNoCounterIsRecordedSoThatAnOlderOneArrivingLateChangesNothing() {
        Aggregate day = new Aggregate(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 11, 16));
        Contribution submitted = new Contribution(Map.of(new Cell(day, "scrubbed"), BigDecimal.ONE, new Cell(day, "clean"), BigDecimal.ONE),
                Map.of());
        Contribution ready = new Contribution(Map.of(new Cell(day, "scrubbed"), BigDecimal.ONE), Map.of());
        String key = "CLAIM#c-late";
        java.util.function.LongFunction<java.util.function.UnaryOperator<ReportingStore.Fact>> version = v -> fact -> {
            String kept = fact.parts().get("version");
            return kept != null && Long.parseLong(kept) >= v ? null
                    : new ReportingStore.Fact(Map.of("version", Long.toString(v)), v == 2 ? ready : submitted);
        };
        List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();
        DynamoDbClient observed = DynamoDbClient.builder().endpointOverride(Moto.shared().endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        operations.add(attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build();
        DynamoReportingStore store = new DynamoReportingStore(observed, table);
        assertThat(store.update(practiceId, key, version.apply(1))).isTrue();
        assertThat(operations).containsExactly("GetItem", "TransactWriteItems");
        operations.clear();
        assertThat(store.update(practiceId, key, version.apply(3))).as("version 3 moves no counter: the fact alone").isTrue();
        assertThat(operations).as("one conditional put, billed once, not a transaction").containsExactly("GetItem", "PutItem");
        operations.clear();
        assertThat(store.update(practiceId, key, version.apply(2))).as("version 2 is older than the one recorded").isFalse();
        assertThat(operations).as("read, nothing written").containsExactly("GetItem");

        ReportingStore.Fact[] kept = new ReportingStore.Fact[1];
        store.update(practiceId, key, fact -> {
            kept[0] = fact;
            return null;
        });
        assertThat(kept[0].parts()).containsEntry("version", "3");
        assertThat(everything(store, practiceId)).isEqualTo(Map.of(day, Map.of("scrubbed", BigDecimal.ONE, "clean", BigDecimal.ONE)));
        observed.close();
    }

    /** Moves the fact to {@code version} with contribution {@code c}, unless it is there already. */
    static java.util.function.UnaryOperator<ReportingStore.Fact> to(long version, Contribution c) {
        return fact -> {
            String kept = fact.parts().get("version");
            return kept != null && Long.parseLong(kept) >= version ? null : new ReportingStore.Fact(Map.of("version", Long.toString(version)), c);
        };
    }

    static Contribution unsubmitted(String id, LocalDate since) {
        return Contribution.builder().work(new WorkItem(WorkItem.Kind.UNSUBMITTED, since, id, new BigDecimal("10.00"), null, "READY",
                "payer-1", "pt-1", "patient-1")).build();
    }

    /** The open work's aggregate of the month of {@code day}, as stored. */
    private Map<String, AttributeValue> workMonth(LocalDate day) {
        Aggregate month = Aggregate.work(day);
        return dynamo.getItem(b -> b.tableName(table).key(DynamoReportingStore.key(
                DynamoReportingStore.aggregates(practiceId, month), month.key())).consistentRead(true)).item();
    }

    /** About what DynamoDB counts of an item of names, strings and numbers: each name and value's characters. */
    private static long bytes(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> e.getKey().length()
                + (e.getValue().n() != null ? e.getValue().n().length() : e.getValue().s() != null ? e.getValue().s().length()
                : e.getValue().b() != null ? e.getValue().b().asByteArray().length : 0)).sum();
    }

    @Test
    void workOpenAndClosedOnManyDaysLeavesOnlyWhatIsOpenOnceCompactedWithTheFiguresUnchanged() {
        LocalDate first = LocalDate.of(2026, 1, 1);
        int days = 120;
        for (int i = 0; i < days; i++) { // each day a claim joins the unsubmitted list and leaves it when submitted
            String key = "CLAIM#w" + i;
            store.update(practiceId, key, to(1, unsubmitted("w" + i, first.plusDays(i))));
            store.update(practiceId, key, to(2, Contribution.NONE));
        }
        store.update(practiceId, "CLAIM#open", to(1, unsubmitted("open", first.plusDays(days))));
        List<LocalDate> months = List.of(first, first.plusMonths(1), first.plusMonths(2), first.plusMonths(3), first.plusMonths(4));
        List<Map<String, AttributeValue>> grown = months.stream().map(this::workMonth).toList();
        assertThat(grown.stream().mapToInt(m -> m.size() - 2).sum())
                .as("DynamoDB's ADD keeps a counter that fell to zero: two per day ever seen").isEqualTo(2 * (days + 1));
        assertThat(grown).as("one item a month, none larger than its month's days").allSatisfy(m -> assertThat(m.size()).isLessThanOrEqualTo(2 + 2 * 31));
        Map<Aggregate, Map<String, BigDecimal>> figures = everything(store, practiceId);

        assertThat(store.compact(practiceId)).isEqualTo(2 * days);

        Map<String, AttributeValue> compacted = workMonth(first.plusDays(days));
        assertThat(compacted.keySet()).containsExactlyInAnyOrder("pk", "sk", "workCount|UNSUBMITTED@2026-05-01",
                "workAmount|UNSUBMITTED@2026-05-01");
        assertThat(bytes(compacted)).as("bytes").isLessThan(grown.stream().mapToLong(DynamoReportingStoreTest::bytes).sum() / 20);
        assertThat(months.subList(0, 4)).as("the months whose work all closed").allSatisfy(m -> assertThat(workMonth(m)).containsOnlyKeys("pk", "sk"));
        assertThat(everything(store, practiceId)).isEqualTo(figures);
        assertThat(store.compact(practiceId)).as("nothing more to remove").isZero();
    }

    @Test
    void aCounterThatCountsAgainWhileTheCompactionRunsIsKept() {
        LocalDate day = LocalDate.of(2026, 2, 1);
        store.update(practiceId, "CLAIM#a", to(1, unsubmitted("a", day)));
        store.update(practiceId, "CLAIM#a", to(2, Contribution.NONE));
        store.update(practiceId, "CLAIM#b", to(1, unsubmitted("b", day.plusDays(1))));
        store.update(practiceId, "CLAIM#b", to(2, Contribution.NONE));
        java.util.concurrent.atomic.AtomicBoolean reopened = new java.util.concurrent.atomic.AtomicBoolean();
        DynamoDbClient racing = DynamoDbClient.builder().endpointOverride(Moto.shared().endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        if ("UpdateItem".equals(attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME))
                                && reopened.compareAndSet(false, true)) {
                            // between the compaction's read and its removal, claim a is back on the list of its day
                            store.update(practiceId, "CLAIM#a", to(3, unsubmitted("a", day)));
                        }
                    }
                })).build();

        int removed = new DynamoReportingStore(racing, table).compact(practiceId);
        racing.close();

        assertThat(reopened).isTrue();
        assertThat(removed).as("only claim b's day, once read again").isEqualTo(2);
        Map<String, AttributeValue> counters = workMonth(day);
        assertThat(counters.get("workCount|UNSUBMITTED@2026-02-01").n()).isEqualTo("1");
        assertThat(new BigDecimal(counters.get("workAmount|UNSUBMITTED@2026-02-01").n())).isEqualByComparingTo("10");
        assertThat(counters).doesNotContainKeys("workCount|UNSUBMITTED@2026-02-02", "workAmount|UNSUBMITTED@2026-02-02");
    }

    @Test
    void aClaimsFactFitsOneWriteUnitAndAFactKeptAsMapsBeforeIsStillRead() {
        List<StoredClaim> life = life("c-small");
        ReportingService reporting = service(store);
        reporting.claimChanged(practiceId, new ClaimSnapshot(life.get(2), null));
        Map<String, AttributeValue> key = DynamoReportingStore.key(DynamoReportingStore.facts(practiceId), "CLAIM#c-small");
        Map<String, AttributeValue> kept = dynamo.getItem(b -> b.tableName(table).key(key)).item();
        assertThat(kept).containsKey(DynamoReportingStore.CONTRIBUTION).doesNotContainKeys("cells", "work");
        ReportingStore.Fact fact = DynamoReportingStore.fact(kept);
        assertThat(fact.contribution().cells()).hasSizeGreaterThan(20);
        assertThat(bytes(kept)).as("bytes of the submitted claim's fact").isLessThan(1024);

        // the same fact as the store kept it before 2026-12-07: its cells and work items as maps
        Map<String, AttributeValue> cells = new java.util.HashMap<>();
        fact.contribution().cells().forEach((cell, v) -> cells.put(cell.aggregate().key() + "\u001f" + cell.counter(),
                AttributeValue.fromN(v.toPlainString())));
        Map<String, AttributeValue> work = new java.util.HashMap<>();
        fact.contribution().work().forEach((k, w) -> work.put(k, AttributeValue.fromM(DynamoReportingStore.workAttributes(w))));
        Map<String, AttributeValue> old = new java.util.HashMap<>(kept);
        old.remove(DynamoReportingStore.CONTRIBUTION);
        old.put("cells", AttributeValue.fromM(cells));
        old.put("work", AttributeValue.fromM(work));
        dynamo.putItem(b -> b.tableName(table).item(old));
        assertThat(DynamoReportingStore.fact(old)).isEqualTo(fact);

        reporting.claimChanged(practiceId, new ClaimSnapshot(life.get(3), null));
        InMemoryReportingStore expected = new InMemoryReportingStore();
        service(expected).claimChanged("p", new ClaimSnapshot(life.get(3), null));
        assertThat(everything(store, practiceId)).as("the old fact's contribution replaced, not added to").isEqualTo(expected.aggregates("p"));
        assertThat(dynamo.getItem(b -> b.tableName(table).key(key)).item()).doesNotContainKeys("cells", "work");
    }

    @Test
    void aContributionsCellsAndWorkItemsComeBackAsTheyWereWhateverTheirText() {
        Aggregate day = new Aggregate(Aggregate.Kind.DAY_PAYER, LocalDate.of(2026, 3, 4));
        Contribution c = Contribution.builder().add(day, "charges|payer\twith\ntabs é", new BigDecimal("-12.50"))
                .add(Aggregate.total(), "ins", new BigDecimal("1E+3"))
                .work(new WorkItem(WorkItem.Kind.EXPIRING, LocalDate.of(2027, 1, 31), "auth-1", null, new BigDecimal("4.5"), "UNITS",
                        null, null, "patient-\u00e9"))
                .work(new WorkItem(WorkItem.Kind.DENIED, LocalDate.of(2026, 3, 5), "c-1", new BigDecimal("40.00"), null, "DENIED",
                        "payer-1", "pt-1", "patient-1")).build();
        Contribution back = ContributionCodec.decode(ContributionCodec.encode(c));
        assertThat(back).isEqualTo(c);
        assertThat(back.cells().get(new Cell(day, "charges|payer\twith\ntabs é"))).isEqualByComparingTo("-12.50");
        assertThat(ContributionCodec.decode(ContributionCodec.encode(Contribution.NONE))).isEqualTo(Contribution.NONE);
    }

    /** A client on moto that counts each operation and the items of each transaction, and runs {@code before} first. */
    private static DynamoDbClient observed(Map<String, Integer> operations, List<Integer> transactionItems, Runnable before) {
        return DynamoDbClient.builder().endpointOverride(Moto.shared().endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("testing", "testing")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        String operation = attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME);
                        operations.merge(operation, 1, Integer::sum);
                        if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest t) {
                            transactionItems.add(t.transactItems().size());
                            before.run();
                        }
                    }
                })).build();
    }

    /**
     * Every version of each claim, as a batch of stream records brings them (in order per claim, claims interleaved),
     * made into changes by the reporting as it holds them back ({@link ReportingService#together}).
     */
    @SuppressWarnings("unchecked")
    private List<ReportingStore.Change> changesOf(int claims) {
        List<ReportingStore.Change> held = new ArrayList<>();
        ReportingStore holding = (ReportingStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ReportingStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateAll")) {
                        assertThat(args[0]).isEqualTo(practiceId);
                        held.addAll((List<ReportingStore.Change>) args[1]);
                        return 0;
                    }
                    return null; // register
                });
        ReportingService reporting = service(holding);
        reporting.together(() -> {
            for (int v = 0; v < 4; v++) {
                for (int i = 0; i < claims; i++) {
                    assertThat(reporting.claimChanged(practiceId, new ClaimSnapshot(life("b" + i).get(v), null))).isTrue();
                }
            }
            return null;
        }, p -> { });
        assertThat(held).hasSize(4 * claims);
        return held;
    }

    private static InMemoryReportingStore oneAtATime(int claims) {
        InMemoryReportingStore expected = new InMemoryReportingStore();
        for (int i = 0; i < claims; i++) {
            for (StoredClaim version : life("b" + i)) {
                service(expected).claimChanged("p", new ClaimSnapshot(version, null));
            }
        }
        return expected;
    }

    /** What writing the changes of {@code claims} claims together did: facts changed, operations, each transaction's items. */
    private record Written(int changed, Map<String, Integer> operations, List<Integer> transactions) {
    }

    /** The changes of {@code claims} claims written together through a client that runs {@code before} each transaction. */
    private Written writeTogether(int claims, Runnable before) {
        Map<String, Integer> operations = new java.util.concurrent.ConcurrentHashMap<>();
        List<Integer> transactions = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DynamoDbClient client = observed(operations, transactions, before)) {
            return new Written(new DynamoReportingStore(client, table).updateAll(practiceId, changesOf(claims)), operations, transactions);
        }
    }

    @Test
    void aBatchOfNineClaimsWrittenTogetherAddsUpAsOneAtATimeInOneReadAndOneTransaction() {
        Written written = writeTogether(9, () -> { });
        int changed = written.changed();
        Map<String, Integer> operations = written.operations();
        List<Integer> transactions = written.transactions();

        assertThat(changed).isEqualTo(9);
        assertThat(everything(store, practiceId)).isEqualTo(oneAtATime(9).aggregates("p"));
        List<WorkItem> work = store.read(practiceId, EnumSet.noneOf(Aggregate.Kind.class), LocalDate.MIN, LocalDate.MAX, null, true).work();
        assertThat(work).containsExactlyInAnyOrderElementsOf(oneAtATime(9).work("p").values());
        assertThat(operations).containsOnly(Map.entry("BatchGetItem", 1), Map.entry("TransactWriteItems", 1));
        int aggregates = oneAtATime(9).aggregates("p").size();
        assertThat(transactions).singleElement().as("9 facts, each aggregate once, 9 work items")
                .isEqualTo(9 + aggregates + 9);
    }

    @Test
    void moreChangesThanOneTransactionHoldsAreWrittenInSeveralAndStillAddUp() {
        Written written = writeTogether(120, () -> { });

        assertThat(written.changed()).isEqualTo(120);
        assertThat(everything(store, practiceId)).isEqualTo(oneAtATime(120).aggregates("p"));
        assertThat(written.operations().get("BatchGetItem")).as("100 keys a call").isEqualTo(2);
        assertThat(written.transactions()).hasSizeGreaterThan(2).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(100));
    }

    @Test
    void aFactChangedByAnotherWriterWhileABatchIsWrittenIsReadAgainAndNothingCountsTwice() {
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        ReportingService other = service(store);
        Written written = writeTogether(9, () -> {
            if (raced.compareAndSet(false, true)) { // another instance applies claim b3's latest version first
                other.claimChanged(practiceId, new ClaimSnapshot(life("b3").get(3), null));
            }
        });

        assertThat(raced).isTrue();
        assertThat(written.operations().get("TransactWriteItems")).as("refused once, then written").isEqualTo(2);
        assertThat(written.changed()).as("b3 was already where the batch would take it").isEqualTo(8);
        assertThat(everything(store, practiceId)).isEqualTo(oneAtATime(9).aggregates("p"));
    }

    @Test
    void replayedDuplicatedAndReorderedChangesLeaveTheTableAsTheLatestStateAlone() {
        List<StoredClaim> life = life("c1");
        InMemoryReportingStore expected = new InMemoryReportingStore();
        service(expected).claimChanged("p", new ClaimSnapshot(life.get(3), null));

        ReportingService reporting = service(store);
        List<StoredClaim> deliveries = new ArrayList<>(life);
        deliveries.addAll(life);
        Collections.shuffle(deliveries, new Random(7));
        deliveries.forEach(c -> reporting.claimChanged(practiceId, new ClaimSnapshot(c, null)));

        assertThat(everything(store, practiceId)).isEqualTo(expected.aggregates("p"));
        List<WorkItem> work = store.read(practiceId, EnumSet.noneOf(Aggregate.Kind.class), LocalDate.MIN, LocalDate.MAX, null, true).work();
        assertThat(work).containsExactlyInAnyOrderElementsOf(expected.work("p").values());
        assertThat(work).extracting(WorkItem::kind).containsExactly(WorkItem.Kind.DENIED);
        assertThat(store.practices()).contains(practiceId);
    }

    @Test
    void theOpenArOfAllPayersIsReadAloneForAReportNotByPayerAndEqualsThePayersSum() {
        ReportingService reporting = service(store);
        for (int i = 0; i < 3; i++) {
            StoredClaim submitted = life("ar" + i).get(2); // SUBMITTED: all of its charge open with the payer
            reporting.claimChanged(practiceId, new ClaimSnapshot(submitted, null));
        }
        LocalDate from = LocalDate.of(2026, 1, 1);
        Map<Aggregate, Map<String, BigDecimal>> byPayer = store.read(practiceId, EnumSet.noneOf(Aggregate.Kind.class), from, from,
                new ArRead(from, true), false).aggregates();
        Map<Aggregate, Map<String, BigDecimal>> allPayers = store.read(practiceId, EnumSet.noneOf(Aggregate.Kind.class), from, from,
                new ArRead(from, false), false).aggregates();

        assertThat(allPayers).containsOnlyKeys(byPayer.keySet()).isNotEmpty();
        allPayers.forEach((aggregate, counters) -> {
            assertThat(counters.keySet()).as(aggregate.key()).contains("ins").isSubsetOf("ins", "pat");
            BigDecimal payersInsurance = byPayer.get(aggregate).entrySet().stream().filter(c -> c.getKey().startsWith("ins|"))
                    .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(counters.get("ins")).as(aggregate.key()).isEqualByComparingTo(payersInsurance);
        });
        assertThat(allPayers.get(Aggregate.total()).get("ins")).isEqualByComparingTo("300.00");
    }

    @Test
    void concurrentChangesOfOneClaimAndOfClaimsSharingDaysAddUpExactly() throws Exception {
        ReportingService reporting = service(store);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        InMemoryReportingStore expected = new InMemoryReportingStore();
        ReportingService expectedReporting = service(expected);
        for (int i = 0; i < 6; i++) {
            List<StoredClaim> life = life("c" + i);
            expectedReporting.claimChanged("p", new ClaimSnapshot(life.get(3), null));
            for (StoredClaim version : life) {
                futures.add(pool.submit(() -> reporting.claimChanged(practiceId, new ClaimSnapshot(version, null))));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(everything(store, practiceId)).isEqualTo(expected.aggregates("p"));
        Map<String, BigDecimal> paidDay = everything(store, practiceId).get(new Aggregate(Aggregate.Kind.DAY_TOTAL, LocalDate.of(2026, 12, 1)));
        assertThat(paidDay.get("adjudicated")).isEqualByComparingTo("6");
        assertThat(paidDay.get("deniedAmount")).isEqualByComparingTo("240");

        store.clear(practiceId);
        assertThat(everything(store, practiceId)).isEmpty();
    }
}
