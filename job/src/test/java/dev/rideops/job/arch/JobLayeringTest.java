package dev.rideops.job.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar runs inside Flink, where only the contract travels with it (docs/ARCHITECTURE.md); and its KPI logic
 * stays pure, so it is unit-tested without a cluster.
 */
class JobLayeringTest {

    private static JavaClasses job;

    @BeforeAll
    static void importMainCode() {
        job = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rideops.job");
    }

    @Test
    void theJobDependsOnlyOnTheContract() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.rideops.clients..",
                        "dev.rideops.stack..",
                        "dev.rideops.scenarios..",
                        "dev.rideops.generator..",
                        "dev.rideops.cli..")
                .check(job);
    }

    @Test
    void kpiLogicKnowsNothingOfFlinkOrTheSinks() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.job.kpi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        "dev.rideops.job.sinks..",
                        "dev.rideops.job.functions..",
                        "org.elasticsearch..",
                        "java.sql..")
                .check(job);
    }

    @Test
    void cohortLogicKnowsNothingOfFlinkOrTheDatabases() {
        noClasses()
                .that()
                .resideInAPackage("dev.rideops.job.cohort..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..", "dev.rideops.job.sinks..", "dev.rideops.job.batch..", "java.sql..")
                .check(job);
    }

    @Test
    void jobPackagesHaveNoCycles() {
        slices().matching("dev.rideops.job.(*)..").should().beFreeOfCycles().check(job);
    }
}
