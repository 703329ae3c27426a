package dev.journeys.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.journeys.channel.ChannelSender;
import io.temporal.workflow.Workflow;

/**
 * Activities do the outside work for every journey, so they know the contracts in {@code workflows}
 * (activity interfaces, the catalog, messages) and never a particular journey or the workflow-only
 * {@link Workflow} API, which fails outside a workflow thread.
 */
@AnalyzeClasses(
    packages = "dev.journeys",
    importOptions = {ImportOption.DoNotIncludeTests.class, ActivitiesArchitectureTest.Module.class})
class ActivitiesArchitectureTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.journeys.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noJourneyImplementations =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.journeys.journey.*..")
          .because("a journey is wired by the worker; activities serve every journey alike");

  @ArchTest
  static final ArchRule noWorkflowApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Workflow.class)
          .because("Workflow.* only works on a workflow thread, never in an activity");

  /** Only this module's main classes, not the workflows module on the class path. */
  public static final class Module implements ImportOption {
    private static final String CLASSES =
        ChannelSender.class.getProtectionDomain().getCodeSource().getLocation().getPath();

    @Override
    public boolean includes(Location location) {
      return location.contains(CLASSES);
    }
  }
}
