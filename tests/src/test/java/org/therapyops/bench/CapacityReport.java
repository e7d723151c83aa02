package org.therapyops.bench;

import org.therapyops.localcloud.CapacityRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes docs/measurements/CapacityBenchmark.md from the recorded lifecycles. */
final class CapacityReport {

    private CapacityReport() {
    }

    static void write(List<Map<String, CapacityBenchmark.StepTotal>> lifecycles, Map<String, CapacityRules.TableDef> tables,
                      List<String> steps) {
        List<Double> rrus = new ArrayList<>();
        List<Double> wrus = new ArrayList<>();
        Report report = new Report("DynamoDB capacity of one appointment lifecycle", "CapacityBenchmark");
        report.line("One appointment lifecycle through the real HTTP API and functions: `POST /appointments` → decided SCHEDULED "
                        + "by the authorization-check function (Appointments stream) → `POST /appointments/{id}/check-in` → "
                        + "`POST /appointments/{id}/complete`, each step followed by 2 s without DynamoDB/SQS/SES work so that every "
                        + "reaction of other functions (stream consumers) is counted in its step. " + lifecycles.size()
                        + " lifecycles, each on a fresh patient and provider (one practice; set-up calls not counted).")
                .line("")
                .line("Every AWS call of every process went through a recording proxy in front of moto; for each write the proxy "
                        + "read the written items from moto just before and just after (one DynamoDB request at a time), and the "
                        + "units below are computed from those requests and item sizes by AWS's rules (`CapacityRules`), not "
                        + "taken from moto's `ConsumedCapacity`, which is not AWS's. Secondary indexes are read from template.yaml: "
                        + indexList(tables) + ". The decision is awaited by reading the appointment straight from moto, "
                        + "so that polling is not counted.")
                .line("");

        report.line("## Per lifecycle").line("")
                .line("| lifecycle | RRU | WRU, tables | WRU, indexes | WRU, total | stream reads (free) | SQS requests | SES emails |")
                .line("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < lifecycles.size(); i++) {
            Map<String, CapacityBenchmark.StepTotal> l = lifecycles.get(i);
            double rru = sum(l, CapacityBenchmark.StepTotal::rru);
            double wru = sum(l, CapacityBenchmark.StepTotal::wru);
            double index = sum(l, CapacityBenchmark.StepTotal::indexWru);
            rrus.add(rru);
            wrus.add(wru + index);
            report.line("| " + (i + 1) + " | " + num(rru) + " | " + num(wru) + " | " + num(index) + " | " + num(wru + index) + " | "
                    + (int) sum(l, s -> s.streamReads()) + " | " + (int) sum(l, s -> s.sqsRequests()) + " | "
                    + (int) sum(l, s -> s.sesSends()) + " |");
        }
        double medianRru = Report.median(rrus);
        double medianWru = Report.median(wrus);
        report.line("")
                .line("Read request units: min " + num(min(rrus)) + ", median " + num(medianRru) + ", max " + num(max(rrus))
                        + ". Write request units (tables + indexes): min " + num(min(wrus)) + ", median " + num(medianWru)
                        + ", max " + num(max(wrus)) + ".")
                .line("");

        int shown = 0;
        for (int i = 0; i < lifecycles.size(); i++) {
            if (wrus.get(i) == medianWru) {
                shown = i;
                break;
            }
        }
        Map<String, CapacityBenchmark.StepTotal> rep = lifecycles.get(shown);
        report.line("## Per step (lifecycle " + (shown + 1) + ", the median one)").line("")
                .line("| step | RRU | WRU, tables | WRU, indexes | WRU, total | stream reads (free) | SQS requests | SES emails |")
                .line("|---|---|---|---|---|---|---|---|");
        for (String step : steps) {
            CapacityBenchmark.StepTotal s = rep.get(step);
            report.line("| " + step + " | " + num(s.rru()) + " | " + num(s.wru()) + " | " + num(s.indexWru()) + " | "
                    + num(s.wru() + s.indexWru()) + " | " + s.streamReads() + " | " + s.sqsRequests() + " | " + s.sesSends() + " |");
        }
        report.line("| **total** | **" + num(sum(rep, CapacityBenchmark.StepTotal::rru)) + "** | **" + num(sum(rep, CapacityBenchmark.StepTotal::wru))
                + "** | **" + num(sum(rep, CapacityBenchmark.StepTotal::indexWru)) + "** | **"
                + num(sum(rep, s -> s.wru() + s.indexWru())) + "** | " + (int) sum(rep, s -> s.streamReads()) + " | "
                + (int) sum(rep, s -> s.sqsRequests()) + " | " + (int) sum(rep, s -> s.sesSends()) + " |").line("");

        for (String step : steps) {
            CapacityBenchmark.StepTotal s = rep.get(step);
            report.line("### " + step).line("");
            if (s.rows().isEmpty()) {
                report.line("No DynamoDB request.").line("");
            } else {
                report.line("| caller | request | table / index | item sizes (before → after) | RRU | WRU, table | WRU, indexes | note |")
                        .line("|---|---|---|---|---|---|---|---|");
                for (CapacityBenchmark.Row row : s.rows()) {
                    CapacityRules.Line l = row.line();
                    report.line("| " + row.caller() + " | " + l.kind() + " | " + l.table() + " | " + l.sizes() + " | " + num(l.rru())
                            + " | " + num(l.wru()) + " | " + (l.indexWru() == 0 ? "0" : num(l.indexWru()) + " (" + l.indexDetail() + ")")
                            + " | " + l.note() + " |");
                }
                report.line("");
            }
            report.line("Also in this step: " + s.streamReads() + " DynamoDB Streams request(s) by the local cloud's stream mappings "
                    + "(free for Lambda triggers), " + s.sqsRequests() + " SQS request(s) carrying work, " + s.sqsEmptyPolls()
                    + " empty SQS long poll(s) by the SQS mapping (a fixed background cost per queue, not per lifecycle), "
                    + s.sesSends() + " SES email(s).").line("");
        }

        report.line("## Where the units go (lifecycle " + (shown + 1) + ")").line("");
        for (String bullet : breakdown(rep)) {
            report.line("- " + bullet);
        }
        report.line("");

        double txIndex = sum(rep, CapacityBenchmark.StepTotal::txIndexWru);
        double sqs = sum(rep, s -> s.sqsRequests());
        double ses = sum(rep, s -> s.sesSends());
        double dynamoCost = (medianWru * CapacityBenchmark.WRU_PRICE + medianRru * CapacityBenchmark.RRU_PRICE) / 1e6 * 1000;
        double sqsCost = sqs * CapacityBenchmark.SQS_PRICE / 1e6 * 1000;
        report.line("## On-demand cost per 1,000 lifecycles").line("")
                .line("At $" + CapacityBenchmark.WRU_PRICE + " per million write request units and $" + CapacityBenchmark.RRU_PRICE
                        + " per million read request units (DynamoDB on-demand, us-east-1; AWS list price, secondary sources "
                        + "2025–2026), with the median lifecycle (" + num(medianWru) + " WRU, " + num(medianRru) + " RRU):")
                .line("")
                .line("| item | per lifecycle | per 1,000 lifecycles |")
                .line("|---|---|---|")
                .line("| DynamoDB writes | " + num(medianWru) + " WRU | " + money(medianWru * CapacityBenchmark.WRU_PRICE / 1e3) + " |")
                .line("| DynamoDB reads | " + num(medianRru) + " RRU | " + money(medianRru * CapacityBenchmark.RRU_PRICE / 1e3) + " |")
                .line("| **DynamoDB total** | | **" + money(dynamoCost) + "** |")
                .line("| DynamoDB Streams reads by Lambda | " + (int) sum(rep, s -> s.streamReads()) + " requests (polling-rate dependent) | $0 (free for Lambda triggers) |")
                .line("| SQS requests carrying work ($" + CapacityBenchmark.SQS_PRICE + " per million) | " + (int) sqs + " | " + money(sqsCost) + " |")
                .line("| SES emails ($0.10 per 1,000) | " + (int) ses + " | " + money(ses * 0.10) + " |")
                .line("")
                .line("Index writes inside transactions are counted once (" + num(txIndex) + " WRU of the median lifecycle): AWS's "
                        + "guide doubles a transaction's own item writes (prepare + commit) but says nothing of the index updates, "
                        + "which propagate asynchronously after the commit; a capture against real DynamoDB (dynoxide PR #188, "
                        + "secondary source) found the 2× factor on the table only. Were index writes doubled too, the lifecycle "
                        + "would cost " + num(medianWru + txIndex) + " WRU.")
                .line("");

        report.line("## Rules applied").line("")
                .line("- **Item size** = Σ attribute name UTF-8 bytes + value size: S = UTF-8 bytes; N = 1 byte per 2 significant "
                        + "digits (leading/trailing zeroes trimmed) + 1; B = raw bytes; BOOL, NULL = 1; L and M = 3 bytes + 1 byte per "
                        + "element + the elements (in M, with their names); SS/NS/BS = the sum of the elements. "
                        + "Source: *DynamoDB item sizes and formats*.")
                .line("- **Reads**: GetItem = ⌈size / 4 KB⌉ RRU strongly consistent, half eventually consistent (at least one 4 KB "
                        + "unit, also for a missing item); Query = the total size of the items read in the request, rounded up to 4 KB; "
                        + "a GSI query is always eventually consistent and is sized on the index entries; TransactGetItems = 2 × per item. "
                        + "When a query's ScannedCount exceeds its Count (a filter dropped items the response does not show), the dropped "
                        + "items are counted at the average returned size. Sources: *DynamoDB read and write operations* "
                        + "(capacity unit consumption for reads), *Read/write capacity mode* and *Amazon DynamoDB pricing for on-demand "
                        + "capacity* (read request unit definitions), *Using Global Secondary Indexes in DynamoDB* (read capacity units).")
                .line("- **Writes**: PutItem/UpdateItem/DeleteItem = ⌈max(size before, size after) / 1 KB⌉ WRU, at least 1; a failed "
                        + "conditional write still consumes (on the existing item, at least 1). Sources: *DynamoDB read and write "
                        + "operations* (capacity unit consumption for writes), *Working with items and attributes* (capacity units consumed "
                        + "by conditional writes).")
                .line("- **Transactions**: TransactWriteItems = 2 × the WRU of each item (\"two underlying reads or writes of every item: "
                        + "one to prepare the transaction and one to commit\"), also when the transaction is cancelled; a ConditionCheck "
                        + "item is billed as a write, 2 × ⌈size / 1 KB⌉ WRU (the guide is silent on which unit; measured against real "
                        + "DynamoDB by the dynamodb-conformance suite, PR #67, secondary source). Source: *Amazon DynamoDB Transactions: "
                        + "How it works* (capacity management for transactions).")
                .line("- **Secondary indexes**: a table write that puts an item into an index, or removes it, costs ⌈entry size / 1 KB⌉ "
                        + "on that index; changing an index key attribute costs 2 (delete + put); changing only projected attributes "
                        + "costs 1 write; no change to the entry (or an item in the index neither before nor after: a sparse index) "
                        + "costs nothing. The entry is the projection (ALL: the whole item). LSIs are treated alike (their writes "
                        + "are charged to the table). Source: *Using Global Secondary Indexes in DynamoDB* (provisioned throughput "
                        + "considerations for Global Secondary Indexes: write capacity units).")
                .line("- **Streams**: DynamoDB Streams read requests made by Lambda's event source mapping are free; counted, not priced. "
                        + "Source: Amazon DynamoDB pricing (secondary sources 2025–2026).")
                .line("")
                .line("## Not measured")
                .line("")
                .line("- Storage, backups (PITR), KMS requests of the tables' SSE-KMS keys, Lambda and API Gateway charges.")
                .line("- Retries that only happen under contention or faults (a cancelled transaction costs its full units again); "
                        + "these lifecycles ran alone and none was retried unless a row above says so.")
                .line("- Stream polling frequency: the local cloud polls each stream every 250 ms, so the number of stream "
                        + "requests per step depends on time, not on work; they are free for Lambda triggers anyway.");
        report.write();
    }

    /** Units by kind of request and by index, from the rows of one lifecycle. */
    static List<String> breakdown(Map<String, CapacityBenchmark.StepTotal> lifecycle) {
        Map<String, double[]> byKind = new java.util.TreeMap<>();   // kind -> {count, rru, wru}
        Map<String, Double> byIndex = new java.util.TreeMap<>();
        for (CapacityBenchmark.StepTotal step : lifecycle.values()) {
            for (CapacityBenchmark.Row row : step.rows()) {
                CapacityRules.Line l = row.line();
                String kind = l.kind().replace(" (strong)", "").replace(" (eventual)", "") + " on " + l.table();
                double[] k = byKind.computeIfAbsent(kind, x -> new double[3]);
                k[0]++;
                k[1] += l.rru();
                k[2] += l.wru();
                if (!l.indexDetail().isEmpty()) {
                    for (String part : l.indexDetail().split(", ")) {
                        int space = part.lastIndexOf(' ');
                        byIndex.merge(l.table() + "." + part.substring(0, space), Double.parseDouble(part.substring(space + 1)), Double::sum);
                    }
                }
            }
        }
        List<String> bullets = new ArrayList<>();
        byKind.forEach((kind, k) -> bullets.add((int) k[0] + " × " + kind + " = " + (k[1] > 0 ? num(k[1]) + " RRU" : "")
                + (k[1] > 0 && k[2] > 0 ? " + " : "") + (k[2] > 0 ? num(k[2]) + " WRU" : "")
                + (k[1] == 0 && k[2] == 0 ? "0 units" : "")));
        byIndex.forEach((index, units) -> bullets.add("index " + index + ": " + num(units) + " WRU"));
        return bullets;
    }

    private static String indexList(Map<String, CapacityRules.TableDef> tables) {
        List<String> parts = new ArrayList<>();
        for (CapacityRules.TableDef t : tables.values()) {
            for (CapacityRules.IndexDef i : t.indexes()) {
                parts.add(t.logicalId() + "." + i.name() + " (" + (i.global() ? "GSI" : "LSI") + " on " + String.join(", ", i.keys())
                        + ", " + i.projectionType() + ")");
            }
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static double sum(Map<String, CapacityBenchmark.StepTotal> l, java.util.function.ToDoubleFunction<CapacityBenchmark.StepTotal> f) {
        return l.values().stream().mapToDouble(f).sum();
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String money(double v) {
        return String.format(Locale.ROOT, "$%.4f", v);
    }
}
