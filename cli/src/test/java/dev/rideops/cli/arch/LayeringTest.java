package dev.rideops.cli.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md, checked on the main code of every module the CLI is built from (the job's
 * own rule is in the job module). A dependency this refuses is a design change: change the table there first.
 */
class LayeringTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rideops");
    }

    @Test
    void contractDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.contract..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.clients..",
                        "dev.rideops.stack..",
                        "dev.rideops.scenarios..",
                        "dev.rideops.generator..",
                        "dev.rideops.job..",
                        "dev.rideops.cli..")
                .check(main);
    }

    @Test
    void clientsDependOnlyOnTheContract() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.clients..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.stack..",
                        "dev.rideops.scenarios..",
                        "dev.rideops.generator..",
                        "dev.rideops.job..",
                        "dev.rideops.dashboard..",
                        "dev.rideops.cli..")
                .check(main);
    }

    @Test
    void stackDependsOnlyOnClientsAndTheContract() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.stack..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.scenarios..",
                        "dev.rideops.generator..",
                        "dev.rideops.job..",
                        "dev.rideops.dashboard..",
                        "dev.rideops.cli..")
                .check(main);
    }

    @Test
    void dashboardDependsOnlyOnClientsAndTheContract() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.dashboard..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.stack..",
                        "dev.rideops.scenarios..",
                        "dev.rideops.generator..",
                        "dev.rideops.job..",
                        "dev.rideops.cli..")
                .check(main);
    }

    @Test
    void theCatalogueAndTheExportsKnowNothingOfTheServer() {
        // handlers (server) over data over the catalogue (panels); the exports read only the catalogue
        noClasses()
                .that()
                .resideInAnyPackage("dev.rideops.dashboard.panels..", "dev.rideops.dashboard.export..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.rideops.dashboard.server..", "dev.rideops.dashboard.data..")
                .check(main);
    }

    @Test
    void scenariosAreDataWithoutDependencies() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.scenarios..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.contract..",
                        "dev.rideops.clients..",
                        "dev.rideops.stack..",
                        "dev.rideops.generator..",
                        "dev.rideops.job..",
                        "dev.rideops.cli..")
                .check(main);
    }

    @Test
    void generatorDependsOnlyOnScenarios() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.generator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.contract..",
                        "dev.rideops.clients..",
                        "dev.rideops.stack..",
                        "dev.rideops.job..",
                        "dev.rideops.cli..")
                .check(main);
    }

    @Test
    void theCommandsAreTheOnlyCallersOfTheCommandsPackage() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.rideops.cli.pipeline..",
                        "dev.rideops.cli.batch..",
                        "dev.rideops.cli.chaos..",
                        "dev.rideops.cli.bench..",
                        "dev.rideops.cli.verify..",
                        "dev.rideops.cli.exporter..",
                        "dev.rideops.cli.config..",
                        "dev.rideops.cli.error..",
                        "dev.rideops.cli.output..",
                        "dev.rideops.cli.options..",
                        "dev.rideops.cli.completion..",
                        "dev.rideops.cli.env..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.rideops.cli.commands..")
                .check(main);
    }

    @Test
    void cliPackagesHaveNoCycles() {
        slices().matching("dev.rideops.cli.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void moduleInternalsHaveNoCycles() {
        slices().matching("dev.rideops.(clients|stack|generator|scenarios|dashboard).(*)..")
                .should()
                .beFreeOfCycles()
                .check(main);
    }
}
