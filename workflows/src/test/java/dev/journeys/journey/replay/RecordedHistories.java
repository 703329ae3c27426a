package dev.journeys.journey.replay;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;
import dev.journeys.journey.replay.JourneyHistories.Scenario;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The recorded histories of every journey in {@link JourneyCatalog}: which journey a history file
 * belongs to, the scenarios each journey records, and how to replay one. Shared by {@link
 * JourneyReplayTest}, {@link RecordJourneyHistories} and the worker's registration test.
 */
public final class RecordedHistories {

  /** Where histories are recorded (in the workflows module) and read from (the classpath). */
  public static final String FOLDER = "histories";

  /** Registers a journey's workflows as the replay of one of its histories needs them. */
  public static Consumer<Worker> registrationFor(JourneyDefinition journey, String history) {
    var settings = settingsFor(journey, history, JourneyWorkflow.SettingsSource.DEFAULTS);
    return worker -> journey.workflows().forEach(w -> w.registerOn(worker, settings));
  }

  private RecordedHistories() {}

  /** The journey a history belongs to: the longest journey name its file name starts with. */
  public static Optional<JourneyDefinition> journeyOf(String history) {
    return JourneyCatalog.all().stream()
        .filter(j -> history.startsWith(j.name() + "-"))
        .max(Comparator.comparingInt(j -> j.name().length()));
  }

  /** The journey's own {@code Histories}, or the default: one run to the end, no events. */
  public static JourneyHistories of(JourneyDefinition journey) {
    String name = journey.workflowInterface().getPackageName() + ".Histories";
    try {
      return (JourneyHistories) Class.forName(name).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException none) {
      String trigger = journey.triggers().stream().sorted().findFirst().orElse(journey.name());
      return () -> List.of(new Scenario(journey.name() + "-completed", trigger, Map.of()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(name + " needs a public no-argument constructor", e);
    }
  }

  /**
   * The settings a history's journey runs with: the journey's defaults, or those its {@code
   * Histories} says the history was recorded with.
   */
  public static JourneyWorkflow.SettingsSource settingsFor(
      JourneyDefinition journey, String history, JourneyWorkflow.SettingsSource otherwise) {
    Optional<Object> recorded = of(journey).settingsFor(history);
    return new JourneyWorkflow.SettingsSource() {
      @Override
      public <S> S settings(String prefix, Class<S> type, S defaults) {
        return recorded
            .filter(type::isInstance)
            .map(type::cast)
            .orElseGet(() -> otherwise.settings(prefix, type, defaults));
      }
    };
  }

  /**
   * Replays a history against workflows registered by {@code registration} (e.g. the worker's own
   * registration code); throws when the code would take another path than the history.
   */
  public static void replay(String json, Consumer<Worker> registration) throws Exception {
    var env = TestWorkflowEnvironment.newInstance();
    try {
      // a loaded build machine may take over a second to load a class on the workflow thread
      var worker =
          env.newWorker(
              JourneyCatalog.TASK_QUEUE,
              WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
      registration.accept(worker);
      WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), worker);
    } finally {
      env.close();
    }
  }
}
