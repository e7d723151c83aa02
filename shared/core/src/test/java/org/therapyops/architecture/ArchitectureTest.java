package org.therapyops.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the core (this module: domain, rules, use cases, ports) plain Java: no AWS SDK, no Lambda events, no
 * Micronaut, no adapter (those live in shared/aws); and keeps every package free of cycles, so that each one can be
 * read, and moved, on its own.
 */
class ArchitectureTest {

    /** The core's packages: every decision and every use case, and the ports they need. */
    static final String[] CORE = {"org.therapyops.domain..", "org.therapyops.billing..", "org.therapyops.scheduling..",
            "org.therapyops.alerting..", "org.therapyops.ports..", "org.therapyops.payer..", "org.therapyops.inbound..", "org.therapyops.reporting..",
            "org.therapyops.metering.."};

    private static JavaClasses core;

    @BeforeAll
    static void importClasses() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.therapyops");
    }

    @Test
    void theCoreUsesNoAwsLambdaOrMicronautTypes() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "io.micronaut..")
                .because("the core is plain Java; the AWS side of the ports and the wiring live in the adapters")
                .check(core);
    }

    @Test
    void everyPackageOfTheModuleIsACorePackage() {
        classes().should().resideInAnyPackage(CORE)
                .because("a new package of the core is named here, so that the rules above cover it")
                .check(core);
    }

    @Test
    void theCoreUsesNoAdapter() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.therapyops.dynamodb..", "org.therapyops.messaging..",
                        "org.therapyops.lambda..", "org.therapyops.wiring..")
                .because("adapters depend on the core, never the other way round")
                .check(core);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.therapyops.(**)").should().beFreeOfCycles().check(core);
    }
}
