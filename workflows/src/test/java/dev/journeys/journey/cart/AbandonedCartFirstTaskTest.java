package dev.journeys.journey.cart;

import static dev.journeys.journey.cart.AbandonedCarts.enrol;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.JourneyTestEnvironment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An enrollment costs the server as little as it can before its first wait: the experiment decision
 * and the funnel's entry record are local activities, so the first workflow task ends with the
 * first timer (issue 13: a burst's enrollments reach their waits sooner, the dev server does less).
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

    List<EventType> beforeTimer = typesUntilFirstTimer(journey);
    assertThat(beforeTimer).contains(EventType.EVENT_TYPE_TIMER_STARTED);
    assertThat(beforeTimer)
        .filteredOn(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED::equals)
        .hasSize(1);
    // the entry is still recorded
    assertThat(test.enrollmentRecords).hasSize(1);
  }

  private List<EventType> typesUntilFirstTimer(AbandonedCartJourney journey) {
    var id = WorkflowStub.fromTyped(journey).getExecution().getWorkflowId();
    var events = test.client().fetchHistory(id).getHistory().getEventsList();
    var types = events.stream().map(HistoryEvent::getEventType).toList();
    int timer = types.indexOf(EventType.EVENT_TYPE_TIMER_STARTED);
    return timer < 0 ? types : types.subList(0, timer + 1);
  }
}
