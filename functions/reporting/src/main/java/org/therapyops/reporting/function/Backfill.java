package org.therapyops.reporting.function;

import io.micronaut.context.ApplicationContext;
import org.therapyops.dynamodb.ReportingBackfill;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays the source tables through the reporting, as the stream handler would have fed it (bin/backfill-reports):
 * {@code --practice <id>} (repeatable) replays those practices' items, {@code --all} every item of every table (a scan);
 * {@code --rebuild} first deletes what the reporting kept of each named practice, so that everything is computed
 * afresh. Table names and the endpoint come from the environment, as the function's do (PRACTICE_TABLE,
 * APPOINTMENTS_TABLE, APPOINTMENT_HISTORY_TABLE, NOTES_TABLE, CLAIMS_TABLE, REPORTING_TABLE, AWS_ENDPOINT_URL).
 */
public final class Backfill {

    private Backfill() {
    }

    public static void main(String[] args) {
        List<String> practices = new ArrayList<>();
        boolean all = false;
        boolean rebuild = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--practice" -> {
                    if (i + 1 >= args.length) {
                        usage("--practice needs a practice id");
                    }
                    practices.add(args[++i]);
                }
                case "--all" -> all = true;
                case "--rebuild" -> rebuild = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (practices.isEmpty() == !all) {
            usage("name practices with --practice, or --all, not both");
        }
        if (all && rebuild) {
            usage("--rebuild deletes a practice's reports first: name the practices");
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            ReportingBackfill backfill = context.getBean(ReportingBackfill.class);
            if (all) {
                ReportingBackfill.Result r = backfill.all(System.out::println);
                System.out.println("backfill: " + r.read() + " items read, " + r.changed() + " changed the reports");
            }
            for (String practice : practices) {
                ReportingBackfill.Result r = backfill.practice(practice, rebuild);
                System.out.println("backfill of " + practice + ": " + r.read() + " items read, " + r.changed() + " changed the reports");
            }
        }
    }

    private static void usage(String problem) {
        System.err.println("error: " + problem);
        System.err.println("usage: bin/backfill-reports (--practice <id> [--practice <id>…] [--rebuild] | --all)");
        System.exit(2);
    }
}
