package org.therapyops.localcloud;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The faults the local cloud injects on purpose, all off by default ({@link #none()}), drawn from a seed. Set with
 * {@link LocalCloud.Options#faults}, {@code Main --faults FILE|chaos} and {@code --fault KEY=VALUE}; each key is
 * {@link #set(String, String)}'s. Everything injected is counted in {@code /_local/status} under {@code faults}.
 */
public final class Faults {

    /** The services whose calls the IAM gate can fail, by the prefix of their IAM actions. */
    public static final List<String> SERVICES = List.of("dynamodb", "sqs", "s3", "ses");

    /**
     * What the IAM gate does to a share of one service's calls (each a rate from 0 to 1; one fault per call at most):
     * answer the service's throttling error, answer a 500, hold the call past the SDK's timeout without forwarding
     * it, delay it (up to {@link #latencyMax()}) and then forward it, or lose its answer: forward it, so that AWS
     * applies it, then answer the service's 500 (as when a connection drops after the request reached AWS).
     */
    public record Rates(double throttle, double error, double timeout, double latency, double lost) {
        public static final Rates NONE = new Rates(0, 0, 0, 0, 0);

        public Rates {
            for (double r : new double[] {throttle, error, timeout, latency, lost}) {
                if (r < 0 || r > 1) {
                    throw new IllegalArgumentException("a fault rate is between 0 and 1, got " + r);
                }
            }
            if (throttle + error + timeout + latency + lost > 1) {
                throw new IllegalArgumentException("a service's fault rates add up to more than 1");
            }
        }

        /** Without lost answers. */
        public Rates(double throttle, double error, double timeout, double latency) {
            this(throttle, error, timeout, latency, 0);
        }

        boolean any() {
            return throttle + error + timeout + latency + lost > 0;
        }
    }

    private long seed = 1;
    private boolean duplicates;
    private double crashRate;
    private final Map<String, Rates> services = new LinkedHashMap<>();
    private Duration latencyMax = Duration.ofMillis(200);
    private Duration sdkTimeout = Duration.ofSeconds(2);
    private int parallelizationFactor;

    private Faults() {
        SERVICES.forEach(s -> services.put(s, Rates.NONE));
    }

    /** No fault at all: the local cloud as without this class. */
    public static Faults none() {
        return new Faults();
    }

    /**
     * Every fault at once, at rates a short test survives with retries to spare: duplicates and reordering, a crash
     * after the first write of 10 % of first deliveries, throttles, 500s, timeouts and latency on every service, lost
     * answers of DynamoDB calls, and stream mappings with ParallelizationFactor 2.
     */
    public static Faults chaos(long seed) {
        Faults f = new Faults().seed(seed).duplicates(true).crashRate(0.1).parallelizationFactor(2);
        for (String s : SERVICES) {
            f.service(s, new Rates(0.02, 0.01, 0.002, 0.05, s.equals("dynamodb") ? CHAOS_LOST : 0));
        }
        return f;
    }

    /** The share of DynamoDB calls whose answer the chaos preset loses. */
    static final double CHAOS_LOST = 0.01;

    /** Reads KEY=VALUE lines (a properties file; {@code #} comments), as {@link #set} takes them. */
    public static Faults load(Path file) {
        Faults f = new Faults();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read faults file " + file + ": " + e.getMessage(), e);
        }
        // A preset first, then seed (a preset keeps it), then the rest, whatever their order in the file.
        if (p.getProperty("seed") != null) {
            f.set("seed", p.getProperty("seed"));
        }
        if (p.getProperty("preset") != null) {
            f.set("preset", p.getProperty("preset"));
        }
        p.stringPropertyNames().stream().filter(k -> !k.equals("preset") && !k.equals("seed")).sorted()
                .forEach(k -> f.set(k, p.getProperty(k)));
        return f;
    }

    /**
     * Sets one key: {@code preset} ({@code chaos} or {@code none}: every other setting from {@link #chaos} or
     * {@link #none}, the seed kept; give it before the keys it should not override), {@code seed}, {@code duplicates} (true/false), {@code crash} (rate), {@code SERVICE.throttle},
     * {@code SERVICE.error}, {@code SERVICE.timeout}, {@code SERVICE.latency}, {@code SERVICE.lost} (rates; SERVICE is dynamodb, sqs, s3, ses
     * or {@code aws} for all four), {@code latency.max} and {@code sdk.timeout} (milliseconds), {@code parallelization}
     * (1-10).
     *
     * @throws IllegalArgumentException for an unknown key or a bad value
     */
    public Faults set(String key, String value) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        String v = value.trim();
        try {
            switch (k) {
                case "preset" -> {
                    Faults preset = switch (v.toLowerCase(Locale.ROOT)) {
                        case "chaos" -> chaos(seed);
                        case "none" -> none().seed(seed);
                        default -> throw new IllegalArgumentException("preset is chaos or none, got " + v);
                    };
                    copyFrom(preset);
                }
                case "seed" -> seed(Long.parseLong(v));
                case "duplicates" -> duplicates(parseBoolean(k, v));
                case "crash" -> crashRate(Double.parseDouble(v));
                case "latency.max" -> latencyMax(Duration.ofMillis(Long.parseLong(v)));
                case "sdk.timeout" -> sdkTimeout(Duration.ofMillis(Long.parseLong(v)));
                case "parallelization" -> parallelizationFactor(Integer.parseInt(v));
                default -> {
                    int dot = k.indexOf('.');
                    String service = dot < 0 ? "" : k.substring(0, dot);
                    if (!service.equals("aws") && !SERVICES.contains(service)) {
                        throw new IllegalArgumentException("unknown fault key " + key + " (see docs/operations.md)");
                    }
                    double rate = Double.parseDouble(v);
                    for (String s : service.equals("aws") ? SERVICES : List.of(service)) {
                        Rates r = services.get(s);
                        services.put(s, switch (k.substring(dot + 1)) {
                            case "throttle" -> new Rates(rate, r.error(), r.timeout(), r.latency(), r.lost());
                            case "error" -> new Rates(r.throttle(), rate, r.timeout(), r.latency(), r.lost());
                            case "timeout" -> new Rates(r.throttle(), r.error(), rate, r.latency(), r.lost());
                            case "latency" -> new Rates(r.throttle(), r.error(), r.timeout(), rate, r.lost());
                            case "lost" -> new Rates(r.throttle(), r.error(), r.timeout(), r.latency(), rate);
                            default -> throw new IllegalArgumentException("unknown fault key " + key
                                    + " (SERVICE.throttle, .error, .timeout, .latency or .lost)");
                        });
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault " + key + ": not a number: " + value);
        }
        return this;
    }

    private void copyFrom(Faults o) {
        seed = o.seed;
        duplicates = o.duplicates;
        crashRate = o.crashRate;
        services.putAll(o.services);
        latencyMax = o.latencyMax;
        sdkTimeout = o.sdkTimeout;
        parallelizationFactor = o.parallelizationFactor;
    }

    private static boolean parseBoolean(String key, String v) {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("fault " + key + " is true or false, got " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** The seed every fault decision is drawn from (default 1). */
    public Faults seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Deliver every stream batch twice (the second delivery's answer is the one that counts, as when Lambda lost the
     * first checkpoint) and every SQS message twice (a copy of it arrives again later, in another batch, even after
     * the original was deleted, as SQS's at-least-once delivery allows); SQS batches are shuffled.
     */
    public Faults duplicates(boolean on) {
        this.duplicates = on;
        return this;
    }

    /**
     * The share of first deliveries of stream and SQS batches whose function process is killed (SIGKILL) right after
     * the batch's first AWS write went through, before the function sees the answer. The process restarts cold and
     * the mapping retries as AWS does; a batch is crashed at most once, so crashes alone never exhaust retries.
     */
    public Faults crashRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("crash is a rate between 0 and 1, got " + rate);
        }
        this.crashRate = rate;
        return this;
    }

    /** The fault rates of one service's calls at the IAM gate. */
    public Faults service(String service, Rates rates) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("service is one of " + SERVICES + ", got " + service);
        }
        services.put(service, rates);
        return this;
    }

    /** The longest delay a latency fault adds (default 200 ms; each is drawn up to it). */
    public Faults latencyMax(Duration max) {
        this.latencyMax = max;
        return this;
    }

    /**
     * The functions' socket timeout while timeouts are injected (default 2 s, passed as AWS_HTTP_SOCKET_TIMEOUT); a
     * timed-out call is held half a second longer than this, so the SDK gives up on it and retries.
     */
    public Faults sdkTimeout(Duration timeout) {
        this.sdkTimeout = timeout;
        return this;
    }

    /** The ParallelizationFactor of stream mappings that set none in template.yaml (0: the template's, default 1). */
    public Faults parallelizationFactor(int factor) {
        if (factor < 0 || factor > 10) {
            throw new IllegalArgumentException("parallelization is 1-10 (ParallelizationFactor), got " + factor);
        }
        this.parallelizationFactor = factor;
        return this;
    }

    public long seed() {
        return seed;
    }

    public boolean duplicates() {
        return duplicates;
    }

    public double crashRate() {
        return crashRate;
    }

    public Rates rates(String service) {
        return services.getOrDefault(service, Rates.NONE);
    }

    public Duration latencyMax() {
        return latencyMax;
    }

    public Duration sdkTimeout() {
        return sdkTimeout;
    }

    public int parallelizationFactor() {
        return parallelizationFactor;
    }

    /** Whether any service's calls are held past the SDK's timeout (the functions then get the shorter timeout). */
    public boolean timeouts() {
        return services.values().stream().anyMatch(r -> r.timeout() > 0);
    }

    /** Whether the IAM gate has anything to do besides checking policies. */
    boolean atGate() {
        return crashRate > 0 || services.values().stream().anyMatch(Rates::any);
    }

    /** Whether anything at all is injected. */
    public boolean any() {
        return duplicates || atGate() || parallelizationFactor > 1;
    }

    /** The settings as /_local/status shows them. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", seed);
        out.put("duplicates", duplicates);
        out.put("crash", crashRate);
        Map<String, Object> aws = new LinkedHashMap<>();
        services.forEach((s, r) -> aws.put(s, r));
        out.put("services", aws);
        out.put("latencyMaxMs", latencyMax.toMillis());
        out.put("sdkTimeoutMs", timeouts() ? sdkTimeout.toMillis() : null);
        out.put("parallelization", parallelizationFactor);
        return out;
    }
}
