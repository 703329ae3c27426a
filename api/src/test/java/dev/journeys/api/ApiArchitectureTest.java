package dev.journeys.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The API reads and writes the store and talks to Temporal; it never sends a message itself. It may
 * render content (template previews), which sends nothing.
 */
@AnalyzeClasses(packages = "dev.journeys.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

  @ArchTest
  static final ArchRule apiNeverTalksToChannelProviders =
      noClasses()
          .that()
          .resideInAPackage("dev.journeys.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.journeys.channel..", "dev.journeys.policy..")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleName("SendActivitiesImpl");
}
