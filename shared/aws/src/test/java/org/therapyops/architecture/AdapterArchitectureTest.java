package org.therapyops.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The adapters with the core they serve: no package cycle across them, and only the wiring knows dependency injection. */
class AdapterArchitectureTest {

    private static JavaClasses adaptersAndCore;

    @BeforeAll
    static void importClasses() {
        adaptersAndCore = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // the core's test-jar, under mvn verify
                .importPackages("org.therapyops");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.therapyops.(**)").should().beFreeOfCycles().check(adaptersAndCore);
    }

    @Test
    void onlyTheWiringUsesDependencyInjection() {
        noClasses().that().resideOutsideOfPackage("org.therapyops.wiring..")
                .and().haveNameNotMatching(".*\\.\\$.*") // what Micronaut generates (bean introspections of messages)
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.context..", "io.micronaut.inject..",
                        "jakarta.inject..")
                .because("adapters are plain classes over the SDK clients (and the JSON mapper); the factories in wiring build them")
                .check(adaptersAndCore);
    }
}
