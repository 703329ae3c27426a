package dev.journeys.journey.winback;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WinBackJourneyTest {

  private static final String CUSTOMER = "lapsing-1";
  private static final Instant FIRST_ORDER = Instant.parse("2026-11-23T10:00:00Z");
  private static final List<String> SEQUENCE =
      List.of("win-back-miss-you", "win-back-offer", "win-back-last-chance");
  private final JourneyTestEnvironment test = new JourneyTestEnvironment(FIRST_ORDER);

  @AfterEach
  void tearDown() {
    test.close();
  }

  private WinBackJourney firstOrder(WinBackSettings settings) {
    test.worker.registerWorkflowImplementationFactory(
        WinBackJourney.class, () -> new WinBackJourneyImpl(settings));
    test.start();
    return test.enrol(WinBackJourney.class, JourneyCatalog.WIN_BACK, order("e-order-0"));
  }

  private WinBackJourney firstOrder() {
    return firstOrder(WinBackSettings.DEFAULTS);
  }

  @Test
  void sendsTheReEngagementSequenceAWeekApartAfterSixtyDaysWithoutAPurchase() {
    var journey = firstOrder();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactlyElementsOf(SEQUENCE);
    Instant lapsed = FIRST_ORDER.plus(Duration.ofDays(60));
    assertThat(test.sent.get(0).at()).isBetween(lapsed, lapsed.plusSeconds(5));
    assertThat(test.sent.get(2).at())
        .isBetween(
            lapsed.plus(Duration.ofDays(14)), lapsed.plus(Duration.ofDays(14)).plusSeconds(5));
  }

  @Test
  void aPurchaseWhileWatchingRestartsTheLapseClock() {
    var journey = firstOrder();
    test.env.sleep(Duration.ofDays(30));

    journey.onEvent(order("e-order-1"));
    test.env.sleep(Duration.ofDays(40));

    assertThat(test.sent).isEmpty();
    assertThat(journey.state().step()).isEqualTo("watching");
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent.getFirst().at()).isAfterOrEqualTo(FIRST_ORDER.plus(Duration.ofDays(90)));
  }

  @Test
  void aPurchaseDuringTheSequenceIsAConversion() {
    var journey = firstOrder();
    test.env.sleep(Duration.ofDays(61));
    assertThat(test.messageKeys()).containsExactly("win-back-miss-you");

    journey.onEvent(order("e-order-back"));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.messageKeys()).containsExactly("win-back-miss-you");
  }

  @Test
  void aPurchaseWhileTheMessageIsDeferredIsNotMissed() {
    test.sendBehaviour =
        request ->
            request.idempotencyKey().endsWith("/retry-1")
                ? new dev.journeys.messaging.SendOutcome.Sent(request.channel(), "p")
                : new dev.journeys.messaging.SendOutcome.Deferred(
                    test.now().plus(Duration.ofHours(8)), "quiet_hours");
    var journey = firstOrder();
    test.env.sleep(Duration.ofDays(60).plusHours(1));
    assertThat(journey.state().waitingFor()).isEqualTo("deferred:quiet_hours");

    journey.onEvent(order("e-order-back"));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(test.messageKeys()).containsOnly("win-back-miss-you");
  }

  @Test
  void aPurchaseWhileTheMessageIsDeferredStopsItFromGoingOut() {
    // quiet hours: the first ask is deferred for 8 hours, any later ask would be sent
    var asked = new java.util.concurrent.atomic.AtomicInteger();
    test.sendBehaviour =
        request ->
            asked.getAndIncrement() == 0
                ? new SendOutcome.Deferred(test.now().plus(Duration.ofHours(8)), "quiet_hours")
                : new SendOutcome.Sent(request.channel(), "p-" + request.idempotencyKey());
    var journey = firstOrder();
    test.env.sleep(Duration.ofDays(60).plusHours(1));
    assertThat(journey.state().waitingFor()).isEqualTo("deferred:quiet_hours");

    journey.onEvent(order("e-order-back"));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    // asked once (deferred), never again after the purchase
    assertThat(test.sent).hasSize(1);
    assertThat(journey.state().messages()).noneMatch(m -> m.outcome() instanceof SendOutcome.Sent);
  }

  @Test
  void unsubscribingEndsIt() {
    var journey = firstOrder();
    test.env.sleep(Duration.ofDays(62));

    journey.onEvent(event("e-unsub", CUSTOMER, EventTypes.UNSUBSCRIBED, Map.of()));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.EXITED);
    assertThat(test.messageKeys()).containsExactly("win-back-miss-you");
  }

  @Test
  void aLoyalCustomerIsWatchedAcrossContinueAsNewWithStableKeys() {
    var settings = new WinBackSettings(Duration.ofDays(60), Duration.ofDays(7), SEQUENCE, 20);
    var journey = firstOrder(settings);
    var first = WorkflowStub.fromTyped(journey).getExecution();

    for (int i = 1; i <= 12; i++) {
      test.env.sleep(Duration.ofDays(10));
      test.client()
          .newUntypedWorkflowStub(first.getWorkflowId())
          .signal(CustomerJourney.EVENT_SIGNAL, order("e-order-" + i));
    }
    var latest = test.client().newUntypedWorkflowStub(first.getWorkflowId());

    assertThat(latest.getResult(JourneyOutcome.class)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(latest.describe().getExecution().getRunId()).isNotEqualTo(first.getRunId());
    assertThat(test.messageKeys()).containsExactlyElementsOf(SEQUENCE);
    assertThat(test.sent.getFirst().at()).isAfterOrEqualTo(FIRST_ORDER.plus(Duration.ofDays(180)));
    assertThat(test.sent)
        .allMatch(
            s ->
                s.request()
                    .idempotencyKey()
                    .startsWith(first.getWorkflowId() + "/" + first.getRunId() + "/"));
    var state = latest.query(CustomerJourney.STATE_QUERY, JourneyState.class);
    assertThat(state.messages()).hasSize(3);
    // the last run started with ids, not the purchases themselves (all of them already seen)
    var lastRun = test.client().fetchHistory(first.getWorkflowId());
    String input =
        lastRun
            .getEvents()
            .getFirst()
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0)
            .getData()
            .toStringUtf8();
    assertThat(input).contains("\"events\":[]").contains("\"seenEventIds\":[");
  }

  /**
   * Issue 13: a watched customer's history is bounded. Every run of the chain ends by continuing as
   * new within one watching iteration of the threshold (an order, its workflow task, the lapse
   * timer restarted), and the next run starts small: its input carries ids, not the history.
   */
  @Test
  void eachRunEndsNearTheThresholdAndTheNextStartsSmall() {
    int threshold = 30;
    var settings =
        new WinBackSettings(Duration.ofDays(60), Duration.ofDays(7), SEQUENCE, threshold);
    var journey = firstOrder(settings);
    var first = WorkflowStub.fromTyped(journey).getExecution();
    for (int i = 1; i <= 40; i++) {
      test.env.sleep(Duration.ofDays(10));
      test.client()
          .newUntypedWorkflowStub(first.getWorkflowId())
          .signal(CustomerJourney.EVENT_SIGNAL, order("e-order-" + i));
    }
    var latest = test.client().newUntypedWorkflowStub(first.getWorkflowId());
    assertThat(latest.getResult(JourneyOutcome.class)).isEqualTo(JourneyOutcome.COMPLETED);

    List<Integer> lengths = new java.util.ArrayList<>();
    String runId = first.getRunId();
    while (true) {
      var history = test.client().fetchHistory(first.getWorkflowId(), runId).getEvents();
      lengths.add(history.size());
      var last = history.getLast();
      if (last.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
        break;
      }
      runId = last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
    }
    // 40 orders at ~6 events each do not fit in one run of 30 (runs end at 34-35 here)
    assertThat(lengths).hasSizeGreaterThanOrEqualTo(5);
    assertThat(lengths.subList(0, lengths.size() - 1))
        .allSatisfy(length -> assertThat(length).isBetween(threshold, threshold + 10));
    // the last run: the orders after the last carry-over, then the three sends (66 events here)
    assertThat(lengths.getLast()).isLessThan(threshold + 60);
  }

  private static dev.journeys.event.CustomerEvent order(String id) {
    return event(id, CUSTOMER, EventTypes.ORDER_PLACED, Map.of());
  }
}
