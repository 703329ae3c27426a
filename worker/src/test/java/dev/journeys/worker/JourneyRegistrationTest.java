package dev.journeys.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;
import dev.journeys.journey.Message;
import dev.journeys.journey.replay.RecordedHistories;
import dev.journeys.messaging.Channel;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.TypeAlreadyRegisteredException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.env.MockEnvironment;

/**
 * Every journey in the catalog is wired: the worker registers each of its workflows, it has a
 * recorded history that replays against what the worker registers, and every message it declares
 * has a template on every channel it may go out on, in the journey's own template folder.
 */
class JourneyRegistrationTest {

  private final JourneyWorkflow.SettingsSource configured =
      new ConfiguredSettings(Binder.get(new MockEnvironment()));

  @Test
  void everyWorkflowOfEveryJourneyIsRegisteredOnTheWorker() {
    var env = TestWorkflowEnvironment.newInstance();
    try {
      var worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
      JourneyRegistration.registerAll(worker, configured);

      for (JourneyDefinition journey : JourneyCatalog.all()) {
        assertThat(journey.workflows()).as(journey.name() + " runs no workflow").isNotEmpty();
        for (JourneyWorkflow<?> workflow : journey.workflows()) {
          // a second registration of a type the worker already has is refused
          assertThatThrownBy(() -> workflow.registerOn(worker, configured))
              .as(workflow.workflowType() + " of " + journey.name() + " is registered")
              .isInstanceOf(TypeAlreadyRegisteredException.class);
        }
      }
    } finally {
      env.close();
    }
  }

  @Test
  void everyJourneyHasARecordedHistoryThatReplaysOnTheWorker() throws Exception {
    Map<String, String> histories = recordedHistories();

    for (JourneyDefinition journey : JourneyCatalog.all()) {
      var own =
          histories.keySet().stream()
              .filter(h -> RecordedHistories.journeyOf(h).equals(java.util.Optional.of(journey)))
              .toList();
      assertThat(own).as("recorded histories of " + journey.name()).isNotEmpty();
      for (String history : own) {
        var settings = RecordedHistories.settingsFor(journey, history, configured);
        RecordedHistories.replay(
            histories.get(history), worker -> JourneyRegistration.registerAll(worker, settings));
      }
    }
  }

  @Test
  void everyMessageHasATemplateOnEachOfItsChannels() {
    List<String> missing = new ArrayList<>();
    for (JourneyDefinition journey : JourneyCatalog.all()) {
      for (Message message : journey.messages()) {
        for (Channel channel : message.channels()) {
          String template =
              "journeys/%s/templates/%s/%s.txt"
                  .formatted(
                      journey.name(), message.key(), channel.name().toLowerCase(Locale.ROOT));
          if (getClass().getClassLoader().getResource(template) == null) {
            missing.add(template);
          }
        }
      }
    }
    assertThat(missing).as("templates the journeys need").isEmpty();
  }

  /** The recorded histories (from the workflows module's test jar), by name. */
  private static Map<String, String> recordedHistories() throws IOException {
    Map<String, String> histories = new LinkedHashMap<>();
    for (Resource resource :
        new PathMatchingResourcePatternResolver()
            .getResources("classpath*:" + RecordedHistories.FOLDER + "/*.json")) {
      histories.put(
          resource.getFilename().replaceFirst("\\.json$", ""),
          resource.getContentAsString(StandardCharsets.UTF_8));
    }
    return histories;
  }
}
