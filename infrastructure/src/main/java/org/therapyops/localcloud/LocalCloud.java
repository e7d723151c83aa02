package org.therapyops.localcloud;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Runs template.yaml on loopback: emulator, resources, one process per function, event source mappings, HTTP API. */
public final class LocalCloud implements AutoCloseable {

    static {
        // The JDK's HTTP server (gateway, Runtime API, IAM gates) leaves Nagle's algorithm on: small answers then wait
        // for the peer's delayed ACK (tens of milliseconds) before they leave. Must be set before the first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Start-up options; {@link #defaults(Path)} then override. */
    public static final class Options {
        private final Path projectDir;
        private int apiPort = 3000;
        private String stackName = "therapy-ops";
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private URI endpoint;
        private int maxInstances = 1;
        private Path runtimeClasspath;
        private PrintStream console = System.out;
        private Duration initLimit = Duration.ofSeconds(120);
        private Duration retryDelay = Duration.ofMinutes(1);
        private boolean enforceIam = true;
        private boolean classDataArchives = true;
        private ClearinghouseResponder clearinghouseResponder;
        private String clearinghouseTable = "ClaimsTable";
        private ClearinghouseSimulator.Retry clearinghouseRetry = ClearinghouseSimulator.Retry.DEFAULT;
        private Path consoleDir;
        private Faults faults = Faults.none();
        private double timeScale = 1;
        private final Map<String, Double> queueTimeScale = new LinkedHashMap<>();
        private final Map<String, Integer> instancesOf = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> environment = new LinkedHashMap<>();

        private Options(Path projectDir) {
            this.projectDir = projectDir.toAbsolutePath().normalize();
        }

        /** projectDir holds template.yaml. */
        public static Options defaults(Path projectDir) {
            return new Options(projectDir);
        }

        public Options apiPort(int port) {
            this.apiPort = port;
            return this;
        }

        public Options stackName(String name) {
            this.stackName = name;
            return this;
        }

        public Options parameter(String key, String value) {
            parameters.put(key, value);
            return this;
        }

        public Options endpoint(URI uri) {
            this.endpoint = uri;
            return this;
        }

        /** How many instances (processes) every function runs, each invoked side by side with the others (default 1). */
        public Options maxInstances(int n) {
            this.maxInstances = n;
            return this;
        }

        /** How many instances one function runs, whatever {@link #maxInstances(int)} says. */
        public Options maxInstances(String functionLogicalId, int n) {
            instancesOf.put(functionLogicalId, n);
            return this;
        }

        /**
         * The faults to inject ({@link Faults#none()} by default: none). They need the IAM gate, which then runs even
         * with {@link #enforceIam(boolean) enforceIam(false)}, forwarding everything.
         */
        public Options faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        /**
         * Multiplies the queues' visibility timeouts (at least 1 s each; a queue without one has SQS's 30 s) and the
         * first retry delay of failed scheduled invocations, so that a test sees retries and redrives to dead-letter
         * queues in seconds, not minutes (default 1: as template.yaml says). Shown in /_local/status.
         */
        public Options timeScale(double scale) {
            if (!(scale > 0) || scale > 1) {
                throw new IllegalArgumentException("timeScale is in (0, 1], got " + scale);
            }
            this.timeScale = scale;
            return this;
        }

        /**
         * One queue's factor on its visibility timeout over {@link #timeScale(double)}'s: for a consumer whose lease
         * must outlast one delivery's work (which no factor shortens) and stay below the queue's visibility timeout.
         */
        public Options timeScale(String queueLogicalId, double scale) {
            if (!(scale > 0) || scale > 1) {
                throw new IllegalArgumentException("timeScale of " + queueLogicalId + " is in (0, 1], got " + scale);
            }
            queueTimeScale.put(queueLogicalId, scale);
            return this;
        }

        /**
         * Sets an environment variable of one function over the template's, as {@code sam local --env-vars} does (e.g.
         * a lease that must stay below a scaled visibility timeout).
         */
        public Options environment(String functionLogicalId, String name, String value) {
            environment.computeIfAbsent(functionLogicalId, k -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Options runtimeClasspath(Path dir) {
            this.runtimeClasspath = dir;
            return this;
        }

        /**
         * Whether each function's AWS calls pass its IAM policy statements from the template first (default): a call
         * its Policies do not allow is denied, as Lambda's execution role would deny it.
         */
        public Options enforceIam(boolean enforce) {
            this.enforceIam = enforce;
            return this;
        }

        /**
         * Whether function processes start with their jar's class-data archive, the first start from a jar without one
         * training it (default; see {@link ClassDataArchives}). Off, every start loads its classes from the jar.
         */
        public Options classDataArchives(boolean use) {
            this.classDataArchives = use;
            return this;
        }

        /**
         * Runs the simulated clearinghouse with this responder: each 837P batch written to the claims table is answered
         * with its documents, posted as signed webhooks. Without one (the default) no simulator runs.
         */
        public Options clearinghouseResponder(ClearinghouseResponder responder) {
            this.clearinghouseResponder = responder;
            return this;
        }

        /** The logical id of the table whose stream the clearinghouse watches for batches (default ClaimsTable). */
        public Options clearinghouseTable(String logicalId) {
            this.clearinghouseTable = logicalId;
            return this;
        }

        /** How the clearinghouse retries a webhook POST not answered 2xx (default 4 attempts, from 0.5 s, doubling). */
        public Options clearinghouseRetry(int attempts, Duration firstDelay) {
            this.clearinghouseRetry = new ClearinghouseSimulator.Retry(attempts, firstDelay);
            return this;
        }

        /**
         * Serves the operations console's build (console/dist) on the HTTP API's port: {@code /}, its files and a
         * {@code /config.json} naming this API and the development sign-in ({@code POST /_local/tokens}).
         */
        public Options consoleDir(Path dir) {
            this.consoleDir = dir;
            return this;
        }

        public Options console(PrintStream out) {
            this.console = out;
            return this;
        }

        public Options initLimit(Duration limit) {
            this.initLimit = limit;
            return this;
        }

        /**
         * The wait before the first retry of a failed scheduled invocation, doubling for each further retry; AWS's
         * asynchronous invocation waits 1 minute, then 2 (the default). Tests shorten it.
         */
        public Options retryDelay(Duration delay) {
            this.retryDelay = delay;
            return this;
        }
    }

    private final Options options;
    private final PrintStream console;
    private final FaultInjector faults;
    private Emulator emulator;
    private AwsClients aws;
    private HttpApiGateway gateway;
    private TokenIssuer tokens;
    private TemplateResolver resolver;
    private ClearinghouseSimulator clearinghouse;
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final List<IamGate> gates = new ArrayList<>();
    /** DynamoDB's ClientRequestToken idempotency, which moto lacks: one record for every function's gate. */
    private final ClientRequestTokens transactionTokens = new ClientRequestTokens();
    private final List<EventSourceMapping> mappings = new ArrayList<>();
    private final List<String> queueIds = new ArrayList<>();
    private final Map<String, ScheduledTrigger> schedules = new LinkedHashMap<>();
    private final Map<String, String> generatedQueues = new LinkedHashMap<>();
    private final CloudUsage usage = new CloudUsage();
    private java.util.concurrent.ScheduledExecutorService scheduleTimers;
    private java.util.concurrent.ExecutorService scheduleWorkers;
    private Thread shutdownHook;

    private LocalCloud(Options options) {
        this.options = options;
        this.console = options.console;
        this.faults = options.faults.any() ? new FaultInjector(options.faults) : null;
    }

    public static LocalCloud start(Options options) {
        LocalCloud cloud = new LocalCloud(options);
        try {
            cloud.boot();
            return cloud;
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    private void boot() {
        long t0 = System.nanoTime();
        Path templateFile = options.projectDir.resolve("template.yaml");
        Template template = Template.load(templateFile);
        Path logDir = options.projectDir.resolve("target/local-cloud/logs");
        shutdownHook = new Thread(this::close, "local-cloud-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        emulator = Emulator.start(options.endpoint, logDir);
        aws = new AwsClients(emulator.endpoint());
        gateway = new HttpApiGateway(options.apiPort, console);
        String issuerUrl = gateway.url() + "/_local/issuer";
        Map<String, String> params = new LinkedHashMap<>();
        if (template.parameters().containsKey("JwtIssuer")) {
            params.put("JwtIssuer", issuerUrl);
        }
        params.putAll(options.parameters);
        resolver = new TemplateResolver(template, options.stackName, params);
        resolver.validate();
        new ResourceProvisioner(template, resolver, aws, options.timeScale, options.queueTimeScale).provision();
        template.resourcesOfType("AWS::SQS::Queue").forEach(r -> queueIds.add(r.logicalId()));

        // The HTTP API and its authorizer.
        Template.Resource api = template.resourcesOfType("AWS::Serverless::HttpApi").stream().findFirst().orElse(null);
        Map<String, Object> apiProps = api == null ? Map.of() : resolver.resolveMap(api.properties());
        Map<String, Object> auth = Template.mapOf(apiProps.get("Auth"));
        Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
        String audience = "therapy-ops-api";
        Map<String, Object> authorizerDecls = Template.mapOf(auth.get("Authorizers"));
        for (Map.Entry<String, Object> a : authorizerDecls.entrySet()) {
            Map<String, Object> jwt = Template.mapOf(Template.mapOf(a.getValue()).get("JwtConfiguration"));
            List<String> audiences = strings(jwt.get("audience"));
            if (!audiences.isEmpty()) {
                audience = audiences.get(0);
            }
            authorizers.put(a.getKey(), new JwtAuthorizer(String.valueOf(jwt.get("issuer")), audiences, null));
        }
        tokens = new TokenIssuer(issuerUrl, audience);
        authorizers.replaceAll((name, a) -> {
            Map<String, Object> jwt = Template.mapOf(Template.mapOf(authorizerDecls.get(name)).get("JwtConfiguration"));
            return new JwtAuthorizer(String.valueOf(jwt.get("issuer")), strings(jwt.get("audience")), tokens);
        });
        gateway.setIssuer(tokens);
        String defaultAuthorizer = auth.get("DefaultAuthorizer") == null ? null : String.valueOf(auth.get("DefaultAuthorizer"));

        // Functions: spawn all, then wait for all (their inits overlap).
        Path runtime = runtimeClasspath();
        IamGate.Arns arns = arns(template);
        CapacityMeter capacity = new CapacityMeter(CapacityRules.tables(template, id -> String.valueOf(resolver.physical(id).ref())),
                emulator.endpoint(), usage);
        gateway.meter(usage);
        List<Map<String, Object>> functionProps = new ArrayList<>();
        for (Template.Resource r : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> props = FunctionSettings.merge(template.functionGlobals(), r.properties());
            Map<String, Object> resolved = resolver.resolveMap(props);
            functionProps.add(resolved);
            URI awsEndpoint = emulator.endpoint();
            int instances = options.instancesOf.getOrDefault(r.logicalId(), options.maxInstances);
            IamGate gate = null;
            boolean gateFaults = faults != null && options.faults.atGate();
            if (options.enforceIam || gateFaults) {
                gate = IamGate.start(r.logicalId(), resolved.get("Policies"), options.enforceIam, arns, emulator.endpoint(), console,
                        instances, gateFaults ? faults : null, transactionTokens);
                gate.meter(capacity, usage);
                gates.add(gate);
                awsEndpoint = gate.endpoint();
            }
            LambdaFunction.Config config = FunctionSettings.config(r.logicalId(), String.valueOf(resolver.physical(r.logicalId()).ref()),
                    resolved, template.directory(), runtime, logDir, instances, awsEndpoint);
            if (faults != null && options.faults.timeouts()) {
                // The SDK's socket timeout, so that a held call times out (and is retried) in seconds; see Faults.sdkTimeout.
                config.environment().put("AWS_HTTP_SOCKET_TIMEOUT", options.faults.sdkTimeout().toMillis() + "ms");
            }
            config.environment().putAll(options.environment.getOrDefault(r.logicalId(), Map.of()));
            IamGate instanceGate = gate;
            LambdaFunction fn = new LambdaFunction(config, console, instanceGate == null ? null : instanceGate::endpoint, faults,
                    options.classDataArchives);
            functions.put(r.logicalId(), fn);
            fn.meter(usage);
            fn.start();
        }
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        functions.values().forEach(fn -> waits.add(CompletableFuture.runAsync(() -> fn.awaitReady(options.initLimit))));
        try {
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }

        // Event sources.
        List<HttpApiGateway.Route> routes = new ArrayList<>();
        int i = 0;
        for (LambdaFunction fn : functions.values()) {
            Map<String, Object> props = functionProps.get(i++);
            Map<String, Object> events = Template.mapOf(props.get("Events"));
            for (Map.Entry<String, Object> e : events.entrySet()) {
                Map<String, Object> event = Template.mapOf(e.getValue());
                Map<String, Object> p = Template.mapOf(event.get("Properties"));
                String type = String.valueOf(event.get("Type"));
                switch (type) {
                    case "HttpApi" -> {
                        Object routeAuth = Template.mapOf(p.get("Auth")).get("Authorizer");
                        String authName = routeAuth != null ? String.valueOf(routeAuth) : defaultAuthorizer;
                        JwtAuthorizer authorizer = authName == null || authName.equals("NONE") ? null : authorizers.get(authName);
                        if (authName != null && !authName.equals("NONE") && authorizer == null) {
                            throw new TemplateException(fn.config().logicalId() + ".Events." + e.getKey() + ": unknown authorizer " + authName);
                        }
                        String path = p.get("Path") == null ? "$default" : String.valueOf(p.get("Path"));
                        String method = p.get("Method") == null ? "ANY" : String.valueOf(p.get("Method")).toUpperCase();
                        routes.add(new HttpApiGateway.Route(method.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : method, path, fn, authorizer));
                    }
                    case "DynamoDB" -> {
                        String stream = String.valueOf(p.get("Stream"));
                        StreamPoller.Settings settings = FunctionSettings.stream(p, this::queueUrlOfArn);
                        if (p.get("ParallelizationFactor") == null && options.faults.parallelizationFactor() > 0) {
                            settings = settings.withParallelizationFactor(options.faults.parallelizationFactor());
                        }
                        EventSourceMapping m = new StreamPoller(fn, e.getKey(), stream, settings, aws, console, faults);
                        m.meter(usage);
                        m.start();
                        mappings.add(m);
                    }
                    case "SQS" -> {
                        String arn = String.valueOf(p.get("Queue"));
                        EventSourceMapping m = new SqsPoller(fn, e.getKey(), arn, FunctionSettings.sqs(p, queueUrlOfArn(arn)), aws, console,
                                faults);
                        m.meter(usage);
                        m.start();
                        mappings.add(m);
                    }
                    case "Schedule", "ScheduleV2" -> {
                        ScheduledTrigger.Settings settings = FunctionSettings.schedule(type, fn.config().logicalId(), e.getKey(), p,
                                options.stackName, java.time.Instant.now(), this::queueUrlOfArn, this::generatedQueue);
                        ScheduledTrigger t = new ScheduledTrigger(fn, e.getKey(), settings, FunctionSettings.async(props, this::queueUrlOfArn),
                                aws, console, scheduleTimers(), scheduleWorkers, scaled(options.retryDelay));
                        schedules.put(fn.config().logicalId() + "/" + e.getKey(), t);
                        t.start();
                    }
                    default -> console.println("[local-cloud] " + fn.config().logicalId() + ".Events." + e.getKey()
                            + " (" + type + ") is not emulated; skipped");
                }
            }
        }
        HttpApiGateway.Cors cors = null;
        Map<String, Object> c = Template.mapOf(apiProps.get("CorsConfiguration"));
        if (!c.isEmpty()) {
            cors = new HttpApiGateway.Cors(strings(c.get("AllowOrigins")), strings(c.get("AllowHeaders")),
                    strings(c.get("AllowMethods")), strings(c.get("ExposeHeaders")),
                    c.get("MaxAge") == null ? null : Integer.valueOf(String.valueOf(c.get("MaxAge"))),
                    Boolean.parseBoolean(String.valueOf(c.get("AllowCredentials"))));
        }
        gateway.setLocalActions(this::runScheduleIfPresent, this::sentEmails);
        if (options.consoleDir != null) {
            if (!Files.isRegularFile(options.consoleDir.resolve("index.html"))) {
                throw new IllegalStateException("no console build in " + options.consoleDir + " (cd console && npm ci && npm run build)");
            }
            String consoleConfig = consoleConfig();
            gateway.serveConsole(options.consoleDir, () -> consoleConfig);
        }
        gateway.configure(routes, cors, tokens, this::status);
        if (options.clearinghouseResponder != null) {
            startClearinghouse(template);
        }
        gateway.addLocalRoute("clearinghouse", clearinghouse != null ? clearinghouse::handle : ClearinghouseSimulator::off);
        console.println("[local-cloud] up in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + functions.size()
                + " function(s), " + mappings.size() + " mapping(s), " + schedules.size() + " schedule(s), " + routes.size() + " route(s)");
    }

    /** The console's runtime configuration: this API, and sign-in by the local cloud's development tokens. */
    private String consoleConfig() {
        Map<String, Object> signIn = new LinkedHashMap<>();
        signIn.put("kind", "local");
        signIn.put("tokenUrl", "/_local/tokens");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiBaseUrl", gateway.url().toString());
        config.put("signIn", signIn);
        try {
            return Json.MAPPER.writeValueAsString(config);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Duration scaled(Duration d) {
        return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * options.timeScale)));
    }

    /** The clearinghouse reads the claims table's stream itself, beside the template's mappings of it. */
    private void startClearinghouse(Template template) {
        String id = options.clearinghouseTable;
        Template.Resource table = template.resources().get(id);
        if (table == null || !table.type().equals("AWS::DynamoDB::Table")) {
            throw new TemplateException("clearinghouse simulator: no AWS::DynamoDB::Table " + id + " in template.yaml"
                    + " (LocalCloud.Options.clearinghouseTable)");
        }
        TemplateResolver.Physical p = resolver.physical(id);
        Object stream = p.attributes().get("StreamArn");
        if (stream == null) {
            throw new TemplateException("clearinghouse simulator: " + id + " has no stream (StreamSpecification)");
        }
        clearinghouse = new ClearinghouseSimulator(options.clearinghouseResponder, gateway.url(), options.clearinghouseRetry,
                java.time.Clock.systemUTC(), console);
        clearinghouse.watch(aws, String.valueOf(p.ref()), String.valueOf(stream));
        console.println("[local-cloud] clearinghouse simulator watching " + id + "; connect an integration with"
                + " POST " + gateway.url() + "/_local/clearinghouse/integrations");
    }

    /**
     * The simulated clearinghouse: connect integrations, push deliveries.
     *
     * @throws IllegalStateException when the local cloud was started without a clearinghouse responder
     */
    public ClearinghouseSimulator clearinghouse() {
        if (clearinghouse == null) {
            throw new IllegalStateException("no clearinghouse simulator runs: start the local cloud with"
                    + " Options.clearinghouseResponder(...)");
        }
        return clearinghouse;
    }

    private java.util.concurrent.ScheduledExecutorService scheduleTimers() {
        if (scheduleTimers == null) {
            scheduleTimers = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "schedule-timer"));
            scheduleWorkers = java.util.concurrent.Executors.newCachedThreadPool(r -> daemon(r, "schedule-invoke"));
        }
        return scheduleTimers;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The queue SAM generates for a schedule's DeadLetterConfig {Type: SQS} (created, or reused, by name). */
    private String generatedQueue(String name) {
        return generatedQueues.computeIfAbsent(name, n -> aws.sqs().createQueue(b -> b.queueName(n)).queueUrl());
    }

    /**
     * Invokes a Schedule / ScheduleV2 event of a function now, with the event AWS would send, and waits for the
     * result (the first attempt; a failure is then retried and dead-lettered in the background, as on AWS). Works for
     * disabled schedules too.
     *
     * @throws IllegalArgumentException when the function has no such schedule event
     */
    public InvocationResult runSchedule(String functionLogicalId, String eventName) {
        InvocationResult r = runScheduleIfPresent(functionLogicalId, eventName);
        if (r == null) {
            throw new IllegalArgumentException("no Schedule or ScheduleV2 event " + eventName + " on " + functionLogicalId
                    + " (known: " + schedules.keySet() + ")");
        }
        return r;
    }

    private InvocationResult runScheduleIfPresent(String functionLogicalId, String eventName) {
        ScheduledTrigger t = schedules.get(functionLogicalId + "/" + eventName);
        return t == null ? null : t.runNow();
    }

    /**
     * The emails the emulator has accepted, oldest first, read from moto's {@code /moto-api/data.json} (SES v1 and v2
     * SendEmail, then raw messages), or from LocalStack's {@code /_aws/ses}. Each has one body: the HTML one when both
     * HTML and text were sent (moto keeps only that). Also served as JSON at {@code GET /_local/emails}.
     *
     * @throws IllegalStateException when the endpoint is neither moto nor LocalStack (real AWS keeps no such list)
     */
    public List<SentEmail> sentEmails() {
        return SentEmail.read(emulator.endpoint());
    }

    private String queueUrlOfArn(String arn) {
        for (String id : queueIds) {
            TemplateResolver.Physical p = resolver.physical(id);
            if (p != null && arn.equals(p.attributes().get("Arn"))) {
                return String.valueOf(p.ref());
            }
        }
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        return aws.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    static List<String> strings(Object o) {
        if (o instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return o == null ? List.of() : List.of(String.valueOf(o));
    }

    private Path runtimeClasspath() {
        if (options.runtimeClasspath != null) {
            return options.runtimeClasspath;
        }
        List<Path> candidates = new ArrayList<>();
        try {
            // Next to this code: target/classes -> target/lambda-runtime, target/local-cloud.jar -> target/lambda-runtime.
            Path here = Path.of(LocalCloud.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            candidates.add(here.getParent().resolve("lambda-runtime"));
        } catch (Exception ignored) {
            // fall through
        }
        candidates.add(options.projectDir.resolve("infrastructure/target/lambda-runtime"));
        candidates.add(options.projectDir.resolve("target/lambda-runtime"));
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("no Lambda runtime classpath found in " + candidates
                + "; run mvn -pl infrastructure package");
    }

    public URI apiUrl() {
        return gateway.url();
    }

    public URI awsEndpoint() {
        return emulator.endpoint();
    }

    public AwsClients aws() {
        return aws;
    }

    /**
     * What the deployment used so far, counted from the real requests where AWS would bill them (see {@link CloudUsage}):
     * owner (function, or its mapping) → item → amount. DynamoDB, SQS, SES and S3 are counted at the IAM gates, so
     * nothing is counted for them with {@code enforceIam(false)}.
     */
    public Map<String, Map<String, java.math.BigDecimal>> usage() {
        return usage.snapshot();
    }

    /** A token valid for one hour, for a practice and role. */
    public String issueToken(String practiceId, String role) {
        return tokens.issue(TokenRequest.of(practiceId, role)).token();
    }

    /** A token as requested, signed with the real key (expired, wrong audience... for tests). */
    public String issueToken(TokenRequest request) {
        return tokens.issue(request).token();
    }

    public String issuer() {
        return tokens.issuer();
    }

    /** Table name or queue URL (the value of !Ref). */
    public String physicalId(String logicalId) {
        TemplateResolver.Physical p = resolver.physical(logicalId);
        if (p == null) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        return String.valueOf(p.ref());
    }

    public LambdaFunction function(String logicalId) {
        return functions.get(logicalId);
    }

    public Status status() {
        List<Status.FunctionStatus> fs = functions.values().stream().map(LambdaFunction::status).toList();
        List<Status.MappingStatus> ms = mappings.stream().map(EventSourceMapping::status).toList();
        List<Status.QueueStatus> qs = new ArrayList<>();
        for (String id : queueIds) {
            String url = physicalId(id);
            Map<QueueAttributeName, String> a = aws.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
            qs.add(new Status.QueueStatus(id, url, Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                    Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                    Long.parseLong(a.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))));
        }
        List<Status.ScheduleStatus> ss = schedules.values().stream().map(ScheduledTrigger::status).toList();
        Status.FaultsStatus fault = faults != null ? faults.status(options.timeScale)
                : new Status.FaultsStatus(false, options.faults.describe(), options.timeScale, Map.of(), 0);
        return new Status(fs, ms, ss, qs, clearinghouse == null ? null : clearinghouse.status(), fault,
                transactionTokens.status());
    }

    /** ARNs of the template's tables and queues as the emulator made them, for the IAM gates. */
    private IamGate.Arns arns(Template template) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (Template.Resource t : template.resourcesOfType("AWS::DynamoDB::Table")) {
            TemplateResolver.Physical p = resolver.physical(t.logicalId());
            tables.put(String.valueOf(p.ref()), String.valueOf(p.attributes().get("Arn")));
        }
        Map<String, String> queues = new LinkedHashMap<>();
        for (Template.Resource q : template.resourcesOfType("AWS::SQS::Queue")) {
            TemplateResolver.Physical p = resolver.physical(q.logicalId());
            queues.put(String.valueOf(p.ref()), String.valueOf(p.attributes().get("Arn")));
            queues.put(String.valueOf(p.attributes().get("QueueName")), String.valueOf(p.attributes().get("Arn")));
        }
        String prefix = "arn:aws:%s:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":";
        return new IamGate.Arns() {
            @Override
            public String table(String name) {
                return tables.getOrDefault(name, String.format(prefix, "dynamodb") + "table/" + name);
            }

            @Override
            public String queue(String urlOrName) {
                return queues.getOrDefault(urlOrName, String.format(prefix, "sqs") + urlOrName.substring(urlOrName.lastIndexOf('/') + 1));
            }

            @Override
            public String emailIdentity(String identity) {
                return String.format(prefix, "ses") + "identity/" + identity;
            }
        };
    }

    @Override
    public synchronized void close() {
        if (clearinghouse != null) {
            clearinghouse.close();
            clearinghouse = null;
        }
        schedules.values().forEach(ScheduledTrigger::close);
        schedules.clear();
        if (scheduleTimers != null) {
            scheduleTimers.shutdownNow();
            scheduleWorkers.shutdownNow();
            scheduleTimers = null;
        }
        mappings.forEach(EventSourceMapping::close);
        mappings.clear();
        LambdaFunction.together(functions.values().stream().map(f -> (Runnable) f::close).toList());
        functions.clear();
        gates.forEach(IamGate::close);
        gates.clear();
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (aws != null) {
            aws.close();
            aws = null;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // we are the hook
            }
            shutdownHook = null;
        }
    }
}
