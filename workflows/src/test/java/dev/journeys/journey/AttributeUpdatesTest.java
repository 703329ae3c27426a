package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A task's search-attribute updates are one upsert (issue 13: each upsert is a history event and a
 * visibility write), but no value is lost on the way: each step a journey enters is upserted, also
 * two in one task, and the step it ended at comes before its outcome.
 */
class AttributeUpdatesTest {

  @Test
  void theFirstTaskUpsertsTheEnrollmentAndItsStepOnce() {
    var upserts =
        upsertsOf(
            (journey, e) -> {
              journey.step("first");
              journey.pause(Duration.ofHours(1));
            });

    assertThat(upserts.getFirst())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("CustomerId", "c-1", "Journey", "probe", "JourneyStep", "first"));
  }

  @Test
  void twoStepsInOneTaskAreTwoUpserts() {
    var upserts =
        upsertsOf(
            (journey, e) -> {
              journey.step("first");
              journey.step("second");
              journey.pause(Duration.ofHours(1));
            });

    assertThat(upserts.get(0)).containsEntry("JourneyStep", "first");
    assertThat(upserts.get(1)).containsExactlyEntriesOf(Map.of("JourneyStep", "second"));
  }

  @Test
  void theStepAJourneyEndsAtIsUpsertedBeforeItsOutcome() {
    var upserts =
        upsertsOf(
            (journey, e) -> {
              journey.step("last");
              journey.endAs(JourneyOutcome.EXITED);
            });

    assertThat(upserts.get(0)).containsEntry("JourneyStep", "last");
    assertThat(upserts.getLast())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("JourneyStep", "exited", "JourneyOutcome", "EXITED"));
  }

  private static List<Map<String, Object>> upsertsOf(BiConsumer<Journey, Enrollment> body) {
    try (var test = new JourneyTestEnvironment(Instant.parse("2026-11-23T10:00:00Z"))) {
      test.worker.registerWorkflowImplementationFactory(
          ProbeJourney.class, () -> new ProbeJourney.Impl(Journey.create(), body));
      test.start();
      var stub =
          test.client()
              .newUntypedWorkflowStub(
                  "Probe",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                      .setWorkflowId("journey/probe/c-1")
                      .build());
      stub.start(
          new Enrollment(
              "probe",
              "c-1",
              new CustomerEvent(
                  "t", "c-1", "probe_started", Instant.parse("2026-11-23T10:00:00Z"), Map.of())));
      test.env.sleep(Duration.ofHours(2));
      return test.client().fetchHistory("journey/probe/c-1").getHistory().getEventsList().stream()
          .filter(HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes)
          .map(
              e ->
                  values(
                      e.getUpsertWorkflowSearchAttributesEventAttributes()
                          .getSearchAttributes()
                          .getIndexedFieldsMap()))
          .toList();
    }
  }

  private static Map<String, Object> values(Map<String, Payload> fields) {
    var converter = DefaultDataConverter.newDefaultInstance();
    Map<String, Object> values = new LinkedHashMap<>();
    fields.forEach(
        (name, payload) ->
            values.put(name, converter.fromPayload(payload, String.class, String.class)));
    return values;
  }
}
