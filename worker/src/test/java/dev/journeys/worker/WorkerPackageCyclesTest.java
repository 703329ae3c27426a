package dev.journeys.worker;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The packages of this module depend one way, as in every module (one package today). */
@AnalyzeClasses(
    packages = "dev.journeys",
    importOptions = {ImportOption.DoNotIncludeTests.class, WorkerPackageCyclesTest.Module.class})
class WorkerPackageCyclesTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.journeys.(**)").should().beFreeOfCycles();

  /** Only this module's main classes, not the modules it builds on. */
  public static final class Module implements ImportOption {
    private static final String CLASSES =
        JourneyWorkers.class.getProtectionDomain().getCodeSource().getLocation().getPath();

    @Override
    public boolean includes(Location location) {
      return location.contains(CLASSES);
    }
  }
}
