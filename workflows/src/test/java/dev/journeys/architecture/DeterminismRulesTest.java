package dev.journeys.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Workflow code is replayed: anything that reads the clock, chance, the network or the disk
 * directly would make a replay take another path. The build fails before such code ships.
 */
@AnalyzeClasses(packages = "dev.journeys", importOptions = ImportOption.DoNotIncludeTests.class)
class DeterminismRulesTest {

  @ArchTest
  static final ArchRule noWallClock =
      noClasses()
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(java.time.LocalDateTime.class, "now")
          .orShould()
          .callMethod(java.time.ZonedDateTime.class, "now")
          .because("workflow time comes from Workflow.currentTimeMillis()");

  @ArchTest
  static final ArchRule noSleepOrThreads =
      noClasses()
          .should()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.util.concurrent.ExecutorService.class)
          .because("waits are Workflow.sleep / Workflow.await, which are durable timers");

  @ArchTest
  static final ArchRule noChance =
      noClasses()
          .should()
          .callConstructor(java.util.Random.class)
          .orShould()
          .callConstructor(java.util.Random.class, long.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.util.concurrent.ThreadLocalRandom.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.security.SecureRandom.class)
          .orShould()
          .callMethod(java.util.UUID.class, "randomUUID")
          .orShould()
          .callMethod(Math.class, "random")
          .because("use Workflow.newRandom() or Workflow.randomUUID(), which replay identically");

  @ArchTest
  static final ArchRule noIoSpringOrJdbc =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.io..", "java.nio.file..", "java.net..", "java.sql..", "org.springframework..")
          .because("outside work belongs in activities");
}
