package dev.journeys.journey.cart;

import static dev.journeys.journey.cart.AbandonedCarts.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.JourneyTestEnvironment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An enrollment costs the server as little as it can before its first wait (issue 13: a burst's
 * enrollments reach their waits sooner, the dev server does less): the experiment decision and the
 * funnel's entry record are local activities, so the first workflow task ends with the first timer
 * and no activity task or second workflow task follows it; the task's attribute updates are one
 * upsert, without those the start gave.
 */
class AbandonedCartFirstTaskTest {

  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void theFirstWorkflowTaskEndsWithTheFirstTimer() {
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);
    test.env.sleep(Duration.ofMinutes(1));

    List<EventType> beforeTimer = typesUntilFirstTimer(historyOf(journey));
    assertThat(beforeTimer).contains(EventType.EVENT_TYPE_TIMER_STARTED);
    assertThat(beforeTimer)
        .filteredOn(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED::equals)
        .hasSize(1);
    // the entry is still recorded
    assertThat(test.enrollmentRecords).hasSize(1);
  }

  @Test
  void theEntryRecordCostsNoActivityTaskAndNoSecondWorkflowTask() {
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);
    test.env.sleep(Duration.ofMinutes(1));

    // a minute in, long before the first timer fires: one workflow task, no activity task
    var types = historyOf(journey).stream().map(HistoryEvent::getEventType).toList();
    assertThat(types).filteredOn(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED::equals).hasSize(1);
    assertThat(types).doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    assertThat(test.enrollmentRecords).hasSize(1);
  }

  @Test
  void theFirstTaskUpsertsItsAttributesOnce() {
    var journey = enrol(test, AbandonedCartSettings.DEFAULTS);
    test.env.sleep(Duration.ofMinutes(1));

    assertThat(upsertedKeys(historyOf(journey)))
        .containsExactly(Set.of("CustomerId", "Journey", "JourneyVariant", "JourneyStep"));
    var attributes = WorkflowStub.fromTyped(journey).describe().getTypedSearchAttributes();
    assertThat(attributes.get(JourneySearchAttributes.CUSTOMER_ID))
        .isEqualTo(AbandonedCarts.CUSTOMER);
    assertThat(attributes.get(JourneySearchAttributes.JOURNEY)).isEqualTo("abandoned-cart");
    assertThat(attributes.get(JourneySearchAttributes.JOURNEY_STEP)).isEqualTo("wait-for-order");
    assertThat(attributes.get(JourneySearchAttributes.JOURNEY_VARIANT))
        .startsWith(AbandonedCartJourneyImpl.LAST_CALL_EXPERIMENT + "=");
  }

  @Test
  void attributesTheStartGaveAreNotUpsertedAgain() {
    test.worker.registerWorkflowImplementationFactory(
        AbandonedCartJourney.class, () -> new AbandonedCartJourneyImpl());
    test.start();
    var journey =
        test.client()
            .newWorkflowStub(
                AbandonedCartJourney.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                    .setWorkflowId("journey/abandoned-cart/c-7")
                    .setTypedSearchAttributes(
                        JourneySearchAttributes.atStart("abandoned-cart", "c-7"))
                    .build());
    WorkflowStub.fromTyped(journey)
        .start(
            new Enrollment(
                "abandoned-cart",
                "c-7",
                JourneyTestEnvironment.event(
                    "e-cart", "c-7", EventTypes.CART_ABANDONED, Map.of("cartTotal", "9.90"))));
    test.env.sleep(Duration.ofMinutes(1));

    assertThat(upsertedKeys(historyOf(journey)))
        .containsExactly(Set.of("JourneyVariant", "JourneyStep"));
    var attributes = WorkflowStub.fromTyped(journey).describe().getTypedSearchAttributes();
    assertThat(attributes.get(JourneySearchAttributes.CUSTOMER_ID)).isEqualTo("c-7");
    assertThat(attributes.get(JourneySearchAttributes.JOURNEY)).isEqualTo("abandoned-cart");
  }

  private List<HistoryEvent> historyOf(AbandonedCartJourney journey) {
    var id = WorkflowStub.fromTyped(journey).getExecution().getWorkflowId();
    return test.client().fetchHistory(id).getHistory().getEventsList();
  }

  private static List<Set<String>> upsertedKeys(List<HistoryEvent> events) {
    return events.stream()
        .filter(HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes)
        .map(
            e ->
                e
                    .getUpsertWorkflowSearchAttributesEventAttributes()
                    .getSearchAttributes()
                    .getIndexedFieldsMap()
                    .keySet()
                    .stream()
                    .collect(Collectors.toSet()))
        .toList();
  }

  private static List<EventType> typesUntilFirstTimer(List<HistoryEvent> events) {
    var types = events.stream().map(HistoryEvent::getEventType).toList();
    int timer = types.indexOf(EventType.EVENT_TYPE_TIMER_STARTED);
    return timer < 0 ? types : types.subList(0, timer + 1);
  }
}
