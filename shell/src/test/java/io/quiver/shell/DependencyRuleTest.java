package io.quiver.shell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module arrows of ARCHITECTURE.md pointing down:
 * shell → server → planner → {sql-frontend, executor} → udf-api. The shell module sees every module
 * on its test classpath, so the rules are checked here.
 */
class DependencyRuleTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.quiver");
  }

  @Test
  void udfApiDependsOnlyOnJavaAndArrow() {
    noClasses().that().resideInAPackage("io.quiver.udf..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.apache.arrow..", "io.quiver.udf..")
        .check(classes);
  }

  @Test
  void executorDoesNotImportCalciteOrUpperModules() {
    noClasses().that().resideInAPackage("io.quiver.executor..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.calcite..", "io.quiver.sql..",
            "io.quiver.planner..", "io.quiver.server..", "io.quiver.shell..")
        .check(classes);
  }

  @Test
  void frontendKnowsNothingOfExecution() {
    noClasses().that().resideInAPackage("io.quiver.sql..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quiver.executor..", "io.quiver.planner..",
            "io.quiver.server..", "io.quiver.shell..")
        .check(classes);
  }

  @Test
  void plannerDoesNotReachUp() {
    noClasses().that().resideInAPackage("io.quiver.planner..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quiver.server..", "io.quiver.shell..")
        .check(classes);
  }

  @Test
  void serverDoesNotReachTheShell() {
    noClasses().that().resideInAPackage("io.quiver.server..")
        .should().dependOnClassesThat().resideInAPackage("io.quiver.shell..")
        .check(classes);
  }

  @Test
  void shellReachesTheEngineOnlyThroughTheServerFacade() {
    noClasses().that().resideInAPackage("io.quiver.shell..")
        .should().dependOnClassesThat().resideInAnyPackage("io.quiver.planner..", "org.apache.calcite..")
        .check(classes);
  }
}
