package dev.journeys.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.temporal.workflow.Workflow;

/**
 * The API routes events through the journey catalog; it never knows a particular journey's code
 * (those change and version on their own) nor the workflow-only {@link Workflow} API.
 */
@AnalyzeClasses(packages = "dev.journeys.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiLayeringTest {

  /**
   * The application class is the composition root (it starts the API or runs the api-key command),
   * so its own reach into every feature package is not a cycle of the features.
   */
  @ArchTest
  static final ArchRule noPackageCycles =
      slices()
          .matching("dev.journeys.(**)")
          .should()
          .beFreeOfCycles()
          .ignoreDependency(
              com.tngtech.archunit.core.domain.JavaClass.Predicates.type(
                  JourneysApiApplication.class),
              com.tngtech.archunit.base.DescribedPredicate.alwaysTrue());

  @ArchTest
  static final ArchRule noJourneyImplementations =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.journeys.journey.*..")
          .because("events reach journeys through the catalog, not through a journey's classes");

  @ArchTest
  static final ArchRule noWorkflowApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Workflow.class)
          .because("Workflow.* only works on a workflow thread; the API uses WorkflowClient");
}
