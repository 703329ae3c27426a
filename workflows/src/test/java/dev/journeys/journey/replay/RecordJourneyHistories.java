package dev.journeys.journey.replay;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.journey.replay.JourneyHistories.Scenario;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories of every journey in {@link JourneyCatalog} into {@code
 * src/test/resources/histories}, for {@link JourneyReplayTest}: the scenarios of the journey's
 * {@code Histories} class (see {@link JourneyHistories}), or one run to the end. Run it
 * deliberately, before changing a journey, never as part of the build:
 *
 * <pre>
 * ./mvnw -pl workflows test -Dtest=RecordJourneyHistories -Djourneys.record-histories=true
 * </pre>
 *
 * A file name that exists is kept (histories are recorded once and replayed forever); delete it to
 * record it again.
 */
@EnabledIfSystemProperty(named = "journeys.record-histories", matches = "true")
class RecordJourneyHistories {

  static final Path HISTORIES = Path.of("src/test/resources", RecordedHistories.FOLDER);

  @TestFactory
  Stream<DynamicTest> everyJourney() {
    return JourneyCatalog.all().stream()
        .flatMap(
            journey ->
                RecordedHistories.of(journey).scenarios().stream()
                    .map(
                        scenario ->
                            DynamicTest.dynamicTest(
                                scenario.name(), () -> record(journey, scenario))));
  }

  private static void record(JourneyDefinition journey, Scenario scenario) throws IOException {
    Path file = HISTORIES.resolve(scenario.name() + ".json");
    if (Files.exists(file)) {
      return;
    }
    try (var test = new JourneyTestEnvironment()) {
      RecordedHistories.registrationFor(journey, scenario.name()).accept(test.worker);
      test.start();
      CustomerJourney running =
          test.enrol(
              journey.workflowInterface().asSubclass(CustomerJourney.class),
              journey,
              event("e-trigger", "c-1", scenario.trigger(), scenario.properties()));
      scenario.script().play(test, running);
      result(running);
      var execution = WorkflowStub.fromTyped(running).getExecution();
      var history = test.client().fetchHistory(execution.getWorkflowId(), execution.getRunId());
      Files.createDirectories(HISTORIES);
      Files.writeString(file, history.toJson(true));
    }
  }
}
