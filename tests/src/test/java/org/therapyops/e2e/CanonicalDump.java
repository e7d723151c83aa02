package org.therapyops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two runs of one workload, made comparable: every table's items and every email as sorted lines of JSON in which
 *
 * <ul>
 *   <li>each id the workload learnt is its label (P0, P0.pt1, P0.pt1.coverage, ...);</li>
 *   <li>the appointments of a race (booked at once against the last visits, so which win depends on timing) are
 *       labelled by what became of them rather than by their time slot, whose hour is masked;</li>
 *   <li>every other id that is random per run (UUIDs, delivery, ERA, secret ids, patient control numbers, the
 *       clearinghouse's claim and trace numbers) is labelled in order of first appearance in the sorted dump;</li>
 *   <li>instants (ISO timestamps, epoch seconds, X12 envelope dates and times) are {@code <t>};</li>
 *   <li>what is legitimately different per run is dropped: request ids, secrets and hashes of bodies holding random
 *       ids, SES message ids, how many attempts a delivery took (a fault run retries) and the token a conditional
 *       write carries so that its SDK retry can tell it already applied ({@code writeToken}, random per write).</li>
 * </ul>
 *
 * Everything else must be equal: statuses, counters, versions, amounts, postings, audit trails, alerts, emails.
 */
public final class CanonicalDump {

    /** Attributes whose values differ between runs by nature, not by outcome. */
    static final Set<String> DROPPED = Set.of("requestId", "secrets", "bodySha256", "emailMessageId", "attempts", "writeToken");

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Run-random tokens that are not UUIDs: prefixed hex ids, CLM01 patient control numbers, the simulator's numbers. */
    private static final Pattern OPAQUE = Pattern.compile("\\b(?:(?:dlv|era|sec|admin|biller|clinician|front_desk)-[0-9a-f]{8,32}"
            + "|T[A-Z2-7]{19}|SIM[A-Z0-9]{17}|EFT[A-Z0-9]{15})\\b");
    private static final Pattern PCN = Pattern.compile("\\bT[A-Z2-7]{19}\\b");
    /** An audit entry's key ends in a random suffix (two entries of one instant stay apart). */
    private static final Pattern AUDIT_SUFFIX = Pattern.compile("^(AUDIT#.*)#[0-9a-f]{8}$");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z");
    /** X12 envelope dates and times: ISA09/ISA10, GS04/GS05, BHT04/BHT05. */
    private static final Pattern X12_TIMES = Pattern.compile("(ISA(?:\\*[^*]*){8})\\*\\d{6}\\*\\d{4}|(GS(?:\\*[^*]*){3})\\*\\d{8}\\*\\d{4,8}"
            + "|(BHT(?:\\*[^*]*){3})\\*\\d{8}\\*\\d{4,8}");
    private static final long EPOCH_MIN = 1_600_000_000L;
    private static final long EPOCH_MAX = 2_200_000_000L;

    private CanonicalDump() {
    }

    /** One run: its rows (table, item), its emails as JSON objects, what the workload labelled. */
    public record Run(List<TableDump.Row> rows, List<JsonNode> emails, ChaosWorkload.Result result) {
    }

    /** The run's canonical lines, sorted. */
    public static List<String> of(Run run) {
        List<Line> lines = new ArrayList<>();
        run.rows().forEach(r -> lines.add(new Line(r.table(), r.item().deepCopy())));
        for (JsonNode e : run.emails()) {
            ObjectNode email = e.deepCopy();
            if (email.get("destinations") instanceof ArrayNode a) {
                List<String> sorted = new ArrayList<>();
                a.forEach(x -> sorted.add(x.asText()));
                sorted.sort(null);
                ArrayNode s = email.putArray("destinations");
                sorted.forEach(s::add);
            }
            lines.add(new Line("Email", email));
        }
        Map<String, String> known = new HashMap<>();
        run.result().labels().forEach((id, label) -> {
            known.put(id.toLowerCase(Locale.ROOT), label);
            Matcher uuid = UUID.matcher(id);
            if (uuid.find() && !uuid.group().equals(id)) {
                known.put(uuid.group().toLowerCase(Locale.ROOT), label); // practice-<uuid>, int-<uuid>: the UUID is what matches
            }
        });
        // A patient control number stands for its claim: written as the claim's id, it takes the claim's label.
        Map<String, String> pcns = run.result().claimControlNumbers();
        lines.forEach(l -> l.item = (ObjectNode) expand(l.item, pcns));
        // Race members last: labelled by what became of them, with their hours masked.
        Map<String, String> raceSlots = new HashMap<>();
        for (ChaosWorkload.Race race : run.result().races()) {
            for (String a : race.appointmentIds()) {
                raceSlots.put(a.toLowerCase(Locale.ROOT), race.date());
            }
        }
        lines.forEach(l -> l.item = (ObjectNode) maskRaceSlots(l.item, raceSlots, run.result().races()));
        // Each line by the UUIDs in it, and each appointment's note: what a race member's key is made of.
        Map<String, List<Line>> byToken = new HashMap<>();
        Map<String, String> noteOf = new HashMap<>();
        for (Line l : lines) {
            Matcher m = UUID.matcher(l.item.toString());
            Set<String> seen = new java.util.HashSet<>();
            while (m.find()) {
                String token = m.group().toLowerCase(Locale.ROOT);
                if (seen.add(token)) {
                    byToken.computeIfAbsent(token, k -> new ArrayList<>()).add(l);
                }
            }
            if (l.item.path("type").asText().equals("NOTE")) {
                noteOf.put(l.item.path("appointmentId").asText().toLowerCase(Locale.ROOT), l.item.path("id").asText().toLowerCase(Locale.ROOT));
            }
        }
        for (ChaosWorkload.Race race : run.result().races()) {
            relabelRace(race, byToken, noteOf, known);
        }
        // Every other run-random token: labelled in order of first appearance in the dump sorted with them masked.
        List<Line> order = new ArrayList<>(lines);
        Map<Line, String> masked = new HashMap<>();
        order.forEach(l -> masked.put(l, l.table + " " + render(substitute(l.item, known, t -> "?"))));
        order.sort(Comparator.comparing(masked::get));
        // A token's label says where it first stands (the item with the others masked, and the place in it), so that
        // one item that differs does not shift the labels of every item after it.
        Map<String, String> discovered = new LinkedHashMap<>(known);
        Set<String> taken = new java.util.HashSet<>(known.values());
        for (Line l : order) {
            String context = masked.get(l);
            substitute(l.item, "", discovered, (t, where) -> {
                String label = "~" + Integer.toHexString((context + "|" + where).hashCode());
                while (!taken.add(label)) {
                    label = label + "'";
                }
                discovered.put(t, label);
                return label;
            });
        }
        List<String> out = new ArrayList<>();
        for (Line l : lines) {
            out.add(l.table + " " + render(substitute(l.item, discovered, t -> "?")));
        }
        out.sort(null);
        return out;
    }

    private static final class Line {
        final String table;
        ObjectNode item;

        Line(String table, ObjectNode item) {
            this.table = table;
            this.item = item;
        }
    }

    /**
     * Labels a race's appointments by their fate: each is keyed by everything the dump says about it (its items and
     * those of its note and claims, itself and its note named SELF, its race-mates masked), and the keys' order names
     * them race#1, race#2, ...
     */
    private static void relabelRace(ChaosWorkload.Race race, Map<String, List<Line>> byToken, Map<String, String> noteOf,
                                    Map<String, String> known) {
        List<String> members = race.appointmentIds().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        Map<String, String> keys = new TreeMap<>();
        for (String m : members) {
            Map<String, String> overlay = new HashMap<>();
            Map<String, String> view = new java.util.AbstractMap<>() {
                @Override
                public String get(Object key) {
                    return overlay.containsKey(key) ? overlay.get(key) : known.get(key);
                }

                @Override
                public Set<Entry<String, String>> entrySet() {
                    throw new UnsupportedOperationException();
                }
            };
            for (String other : members) {
                overlay.put(other, race.group());
                if (noteOf.containsKey(other)) {
                    overlay.put(noteOf.get(other), "note(" + race.group() + ")");
                }
            }
            overlay.put(m, "SELF");
            String note = noteOf.get(m);
            if (note != null) {
                overlay.put(note, "note(SELF)");
            }
            java.util.LinkedHashSet<Line> mentions = new java.util.LinkedHashSet<>(byToken.getOrDefault(m, List.of()));
            if (note != null) {
                mentions.addAll(byToken.getOrDefault(note, List.of()));
            }
            List<String> about = new ArrayList<>();
            for (Line l : mentions) {
                about.add(l.table + " " + render(substitute(l.item, view, t -> "?")));
            }
            about.sort(null);
            keys.put(String.join("\n", about) + "\n" + m, m);
        }
        int i = 1;
        for (String m : keys.values()) {
            String label = race.group() + "#" + i++;
            known.put(m, label);
            if (noteOf.containsKey(m)) {
                known.put(noteOf.get(m), "note(" + label + ")");
            }
        }
    }

    private static JsonNode expand(JsonNode node, Map<String, String> pcns) {
        if (node instanceof ObjectNode o) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            o.fields().forEachRemaining(f -> copy.set(expandText(f.getKey(), pcns), expand(f.getValue(), pcns)));
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            a.forEach(e -> copy.add(expand(e, pcns)));
            return copy;
        }
        return node.isTextual() ? JsonNodeFactory.instance.textNode(expandText(node.asText(), pcns)) : node;
    }

    private static String expandText(String s, Map<String, String> pcns) {
        Matcher m = PCN.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String claim = pcns.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(claim == null ? m.group() : "pcn(" + claim + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The race's hours on its day: 2026-12-14T09:00 becomes 2026-12-14T<race>, a day's slot "09:00-10:00" of a member <race>. */
    private static JsonNode maskRaceSlots(JsonNode node, Map<String, String> raceSlots, List<ChaosWorkload.Race> races) {
        Function<String, String> text = s -> {
            String out = s;
            for (ChaosWorkload.Race r : races) {
                out = out.replaceAll(Pattern.quote(r.date()) + "T\\d{2}:\\d{2}(?!:)", r.date() + "T<race>");
            }
            return out;
        };
        if (node instanceof ObjectNode o) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            o.fields().forEachRemaining(f -> {
                String key = text.apply(f.getKey());
                if (raceSlots.containsKey(f.getKey().toLowerCase(Locale.ROOT)) && f.getValue().isTextual()
                        && f.getValue().asText().matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
                    copy.put(key, "<race>");
                } else {
                    copy.set(key, maskRaceSlots(f.getValue(), raceSlots, races));
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            a.forEach(e -> copy.add(maskRaceSlots(e, raceSlots, races)));
            return copy;
        }
        return node.isTextual() ? JsonNodeFactory.instance.textNode(text.apply(node.asText())) : node;
    }

    /**
     * The node with instants masked, dropped attributes gone, known tokens replaced by their labels and unknown ones
     * by what {@code unknown} says (which may also learn them).
     */
    static JsonNode substitute(JsonNode node, Map<String, String> labels, Function<String, String> unknown) {
        return substitute(node, "", labels, (token, where) -> unknown.apply(token));
    }

    /** As above; {@code unknown} also gets where the token stands (JSON path, and its place in the text). */
    static JsonNode substitute(JsonNode node, String path, Map<String, String> labels,
                               java.util.function.BiFunction<String, String, String> unknown) {
        if (node instanceof ObjectNode o) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            o.fields().forEachRemaining(f -> {
                if (!DROPPED.contains(f.getKey())) {
                    String key = tokens(f.getKey(), path + "/key", labels, unknown);
                    sorted.put(key, substitute(f.getValue(), path + "/" + key, labels, unknown));
                }
            });
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            sorted.forEach(copy::set);
            if (copy.size() == 1 && copy.get(TableDump.SET) instanceof ArrayNode members) {
                List<JsonNode> m = new ArrayList<>();
                members.forEach(m::add);
                m.sort(Comparator.comparing(JsonNode::toString));
                ArrayNode again = copy.putArray(TableDump.SET);
                m.forEach(again::add);
            }
            return copy;
        }
        if (node instanceof ArrayNode a) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < a.size(); i++) {
                copy.add(substitute(a.get(i), path + "[" + i + "]", labels, unknown));
            }
            return copy;
        }
        if (node.isIntegralNumber() || node.isNumber() && node.asText().matches("\\d+(\\.0+)?")) {
            long v = node.asLong();
            return v >= EPOCH_MIN && v <= EPOCH_MAX ? JsonNodeFactory.instance.textNode("<t>") : node;
        }
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(tokens(node.asText(), path, labels, unknown));
        }
        return node;
    }

    private static String tokens(String s, String path, Map<String, String> labels,
                                 java.util.function.BiFunction<String, String, String> unknown) {
        String out = AUDIT_SUFFIX.matcher(s).replaceAll("$1#?");
        out = X12_TIMES.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3)) + "*<t>*<t>"));
        out = INSTANT.matcher(out).replaceAll("<t>");
        out = replace(UUID, out, path + "#u", labels, unknown);
        return replace(OPAQUE, out, path + "#o", labels, unknown);
    }

    private static String replace(Pattern pattern, String s, String where, Map<String, String> labels,
                                  java.util.function.BiFunction<String, String, String> unknown) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            String token = m.group();
            String key = token.toLowerCase(Locale.ROOT);
            String label = labels.get(key);
            if (label == null) {
                label = unknown.apply(key, where + n);
            }
            n++;
            boolean upper = !token.equals(key) && token.equals(token.toUpperCase(Locale.ROOT)) && !token.startsWith("T")
                    && !token.startsWith("SIM") && !token.startsWith("EFT");
            m.appendReplacement(out, Matcher.quoteReplacement("⟨" + (upper ? label.toUpperCase(Locale.ROOT) : label) + "⟩"));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String render(JsonNode node) {
        return node.toString();
    }

    /** The lines of {@code a} not in {@code b} and those of {@code b} not in {@code a} (as multisets), at most {@code max} each. */
    public static String difference(List<String> a, List<String> b, int max) {
        Map<String, Integer> count = new HashMap<>();
        a.forEach(l -> count.merge(l, 1, Integer::sum));
        b.forEach(l -> count.merge(l, -1, Integer::sum));
        StringBuilder out = new StringBuilder();
        int onlyA = 0;
        int onlyB = 0;
        for (Map.Entry<String, Integer> e : new TreeMap<>(count).entrySet()) {
            if (e.getValue() > 0 && onlyA++ < max) {
                out.append("- ").append(e.getValue()).append("x ").append(e.getKey()).append('\n');
            } else if (e.getValue() < 0 && onlyB++ < max) {
                out.append("+ ").append(-e.getValue()).append("x ").append(e.getKey()).append('\n');
            }
        }
        return out.length() == 0 ? "" : "(" + onlyA + " lines only in the first run, " + onlyB + " only in the second)\n" + out;
    }
}
