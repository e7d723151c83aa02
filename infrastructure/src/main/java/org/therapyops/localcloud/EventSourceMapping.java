package org.therapyops.localcloud;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A poller that feeds one function from one event source, on its own thread, with the counters /_local/status shows. */
public abstract class EventSourceMapping implements AutoCloseable {

    protected final LambdaFunction function;
    protected final String eventName;
    protected final String sourceArn;
    protected final PrintStream console;
    protected final AtomicLong batches = new AtomicLong();
    protected final AtomicLong records = new AtomicLong();
    protected final AtomicLong filteredOut = new AtomicLong();
    protected final AtomicLong failures = new AtomicLong();
    protected final AtomicLong sentToDestination = new AtomicLong();
    protected volatile boolean running = true;
    /** Where the mapping counts the requests it makes on the function's behalf (null: not counted). */
    protected volatile CloudUsage usage;

    /** Counts this mapping's requests as {@code <function> mapping} in {@code usage}. */
    public void meter(CloudUsage usage) {
        this.usage = usage;
    }

    /** The owner this mapping's requests are counted for. */
    protected String meterOwner() {
        return function.config().logicalId() + " mapping";
    }

    protected void count(String item, long amount) {
        CloudUsage u = usage;
        if (u != null) {
            u.add(meterOwner(), item, amount);
        }
    }
    private final java.util.List<Thread> threads = new java.util.ArrayList<>();

    protected EventSourceMapping(LambdaFunction function, String eventName, String sourceArn, PrintStream console) {
        this.function = function;
        this.eventName = eventName;
        this.sourceArn = sourceArn;
        this.console = console;
    }

    protected abstract String type();

    /** Runs until close(); exceptions are logged by type only (no record contents) and polling goes on. */
    protected abstract void pollOnce() throws Exception;

    /** How many threads run {@link #pollOnce()} side by side (default 1). */
    protected int pollers() {
        return 1;
    }

    /** How many batches the mapping has in flight at most, for the status. */
    protected int concurrency() {
        return pollers();
    }

    /** What the mapping holds and has not yet delivered for good (see Status.MappingStatus). */
    protected long pending() {
        return 0;
    }

    public void start() {
        for (int i = 0; i < pollers(); i++) {
            startPoller(i);
        }
    }

    private void startPoller(int index) {
        Thread thread = new Thread(() -> {
            while (running) {
                try {
                    pollOnce();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (running) {
                        console.println("[local-cloud] " + label() + " poll failed: " + e.getClass().getSimpleName());
                        sleep(1000);
                    }
                }
            }
        }, "esm-" + function.config().logicalId() + "-" + eventName + (index == 0 ? "" : "-" + index));
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    protected String label() {
        return function.config().logicalId() + "/" + eventName;
    }

    public Status.MappingStatus status() {
        return new Status.MappingStatus(function.config().logicalId(), eventName, type(), sourceArn, batches.get(),
                records.get(), filteredOut.get(), failures.get(), sentToDestination.get(), concurrency(), pending());
    }

    protected void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
