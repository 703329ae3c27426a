package dev.journeys.journey.cart;

import static dev.journeys.journey.JourneyTestEnvironment.result;
import static dev.journeys.journey.cart.AbandonedCarts.enrol;
import static dev.journeys.journey.cart.AbandonedCarts.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Temporal UI shows of a cart journey: timers named by step, sends by message and channel,
 * and current details that say where the journey is and why it ended. Read here from the history's
 * user metadata and the SDK's metadata query, the same sources the UI reads.
 */
class AbandonedCartUiStoryTest {

  private static final AbandonedCartSettings SMS_ARM =
      new AbandonedCartSettings(Duration.ofHours(1), Duration.ofHours(23), 1, 0, 0);

  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  @Test
  void timersAndSendsAreNamedByStepAndMessage() {
    var journey = enrol(test, SMS_ARM);
    result(journey);

    assertThat(summaries(journey, EventType.EVENT_TYPE_TIMER_STARTED))
        .containsExactly(
            "wait-for-order 1h",
            "wait-after-reminder 23h",
            // after the last call the journey listens for an order the attribution window long
            "attribution-window 4d 23h 59m 59s");
    assertThat(summaries(journey, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .contains("send cart-reminder by EMAIL", "send cart-last-call by SMS");
  }

  @Test
  void aDeferralTimerSaysWhichPolicyDeferredTheSendUntilWhen() {
    Instant morning = Instant.parse("2026-11-24T07:00:00Z");
    var reminderCalls = new java.util.concurrent.atomic.AtomicInteger();
    test.sendBehaviour =
        request ->
            !request.messageKey().equals("cart-reminder") || reminderCalls.getAndIncrement() > 0
                ? new SendOutcome.Sent(request.channel(), "m-" + request.idempotencyKey())
                : new SendOutcome.Deferred(morning, "quiet_hours");
    var journey = enrol(test, SMS_ARM);
    result(journey);

    assertThat(summaries(journey, EventType.EVENT_TYPE_TIMER_STARTED))
        .contains("policy: deferred quiet_hours until Tue 24 Nov 07:00 UTC");
    // asked again after the deferral, under the same key: the same summary twice
    assertThat(summaries(journey, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .filteredOn("send cart-reminder by EMAIL"::equals)
        .hasSize(2);
  }

  @Test
  void currentDetailsSayWhereTheJourneyWaitsAndWhatItSent() {
    var journey = enrol(test, SMS_ARM);

    test.env.sleep(Duration.ofHours(2));

    assertThat(currentDetails(journey))
        .contains("**abandoned-cart** for customer `c-42`")
        .contains("Step: **wait-after-reminder**, waiting for timer, next wake-up Tue 24 Nov 10:00")
        .contains("- cart-reminder by EMAIL at cart-reminder: sent");
  }

  @Test
  void currentDetailsOfAConvertedJourneyNameTheEventAndTheStep() {
    var journey = enrol(test, SMS_ARM);

    test.env.sleep(Duration.ofMinutes(30));
    journey.onEvent(order());
    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);

    assertThat(currentDetails(journey))
        .contains("Outcome: **CONVERTED by order_placed at wait-for-order**")
        .contains("Messages: none yet");
  }

  private List<String> summaries(Object journey, EventType type) {
    var id = WorkflowStub.fromTyped(journey).getExecution().getWorkflowId();
    return test.client().fetchHistory(id).getHistory().getEventsList().stream()
        .filter(e -> e.getEventType() == type)
        .map(HistoryEvent::getUserMetadata)
        .map(m -> text(m.getSummary()))
        .toList();
  }

  private static String currentDetails(Object journey) {
    return WorkflowStub.fromTyped(journey)
        .query("__temporal_workflow_metadata", WorkflowMetadata.class)
        .getCurrentDetails();
  }

  private static String text(Payload payload) {
    return payload.getSerializedSize() == 0
        ? null
        : DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
