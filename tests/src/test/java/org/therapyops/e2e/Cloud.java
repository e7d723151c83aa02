package org.therapyops.e2e;

import org.therapyops.localcloud.LocalCloud;
import org.therapyops.localcloud.SimulatedClearinghouseResponder;

import java.nio.file.Path;

/**
 * One local cloud for the whole end-to-end run: moto, the resources of template.yaml and every
 * function running from its deployable jar. Started on first use, closed when the JVM exits.
 * Tests isolate themselves by practice (tenant), the same way production data is isolated.
 */
final class Cloud {

    private static LocalCloud cloud;

    private Cloud() {
    }

    static synchronized LocalCloud get() {
        if (cloud == null) {
            cloud = LocalCloud.start(options());
            Runtime.getRuntime().addShutdownHook(new Thread(cloud::close));
        }
        return cloud;
    }

    /** The options the shared cloud starts with; a test that needs other settings (faults…) starts its own from these. */
    static LocalCloud.Options options() {
        Path projectDir = Path.of("..").toAbsolutePath().normalize();
        return LocalCloud.Options.defaults(projectDir).apiPort(0).stackName("therapy-ops-e2e")
                .clearinghouseResponder(new SimulatedClearinghouseResponder());
    }
}
