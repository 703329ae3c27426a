package dev.journeys.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.journeys.experiment.ExperimentOutcome;
import dev.journeys.funnel.EnrollmentEnded;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;

/**
 * Packages depend one way: the journey SDK in {@code dev.journeys.journey} and the journeys use the
 * activity contracts ({@code customer}, {@code messaging}, {@code experiment}, {@code handoff}, …),
 * and a contract never reaches back into the SDK.
 *
 * <p>Three such back-references exist today and are named here, one by one, so that no new cycle
 * can join them: an experiment outcome and a funnel's enrollment record carry the {@link
 * JourneyOutcome}, and a handoff request carries the journey's {@link JourneyState.MessageRecord}s.
 * Moving those two types next to their contracts (or giving the contracts their own) removes the
 * exceptions.
 */
@AnalyzeClasses(packages = "dev.journeys", importOptions = ImportOption.DoNotIncludeTests.class)
class WorkflowsPackageCyclesTest {

  @ArchTest
  static final ArchRule noPackageCycles =
      slices()
          .matching("dev.journeys.(**)")
          .should()
          .beFreeOfCycles()
          .ignoreDependency(type(ExperimentOutcome.class), type(JourneyOutcome.class))
          .ignoreDependency(type(HandoffRequest.class), type(JourneyState.MessageRecord.class))
          .ignoreDependency(type(EnrollmentEnded.class), type(JourneyOutcome.class));
}
