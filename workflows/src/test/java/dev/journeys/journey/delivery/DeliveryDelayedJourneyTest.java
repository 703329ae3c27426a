package dev.journeys.journey.delivery;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.Channel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryDelayedJourneyTest {

  private static final String CUSTOMER = "waiting-1";
  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  private DeliveryDelayedJourney delay() {
    test.worker.registerWorkflowImplementationTypes(DeliveryDelayedJourneyImpl.class);
    test.start();
    return test.enrol(
        DeliveryDelayedJourney.class,
        JourneyCatalog.DELIVERY_DELAYED,
        event("e-delay", CUSTOMER, EventTypes.DELIVERY_DELAYED, Map.of("orderId", "o-9")));
  }

  @Test
  void tellsTheCustomerOnTheirPreferredChannelBeforeTheyAsk() {
    test.profiles.put(CUSTOMER, new CustomerProfile(CUSTOMER, null, Channel.SMS, Map.of()));
    var journey = delay();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.sent).hasSize(1);
    assertThat(test.sent.getFirst().request().messageKey()).isEqualTo("delivery-delayed");
    assertThat(test.sent.getFirst().request().channel()).isEqualTo(Channel.SMS);
    assertThat(test.sent.getFirst().request().data()).containsEntry("orderId", "o-9");
    assertThat(test.handoffs).isEmpty();
  }

  @Test
  void handsOffToAHumanWithTheWholeStoryWhenTheCustomerOpensATicket() {
    var journey = delay();
    test.env.sleep(Duration.ofDays(1));

    journey.onEvent(
        event(
            "e-ticket",
            CUSTOMER,
            EventTypes.TICKET_OPENED,
            Map.of("subject", "Where is it?", "orderId", "o-9")));
    test.env.sleep(Duration.ofHours(1));

    assertThat(journey.state().step()).isEqualTo("wait-for-resolution");
    var handoff = test.handoffs.getFirst();
    assertThat(handoff.priority()).isEqualTo("high");
    assertThat(handoff.subject()).contains("o-9");
    assertThat(handoff.events())
        .extracting(CustomerEvent::type)
        .containsExactly(EventTypes.DELIVERY_DELAYED, EventTypes.TICKET_OPENED);
    assertThat(handoff.messages())
        .extracting(m -> m.messageKey())
        .containsExactly("delivery-delayed");
    assertThat(handoff.profile().customerId()).isEqualTo(CUSTOMER);
    // the enrollment that waits for the resolution: the API routes the ticket's resolution to it
    assertThat(handoff.workflowId())
        .isEqualTo(
            io.temporal.client.WorkflowStub.fromTyped(journey).getExecution().getWorkflowId());

    journey.onEvent(
        event("e-other", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-99")));
    test.env.sleep(Duration.ofHours(1));
    assertThat(journey.state().step()).isEqualTo("wait-for-resolution");
    journey.onEvent(
        event("e-resolved", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.handoffs).hasSize(1);
  }

  @Test
  void anotherOrdersDeliveryDoesNotEndThisOrdersDelay() {
    var journey = delay();
    test.env.sleep(Duration.ofDays(1));

    journey.onEvent(
        event("e-other", CUSTOMER, EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-8")));
    test.env.sleep(Duration.ofHours(1));
    assertThat(journey.state().step()).isEqualTo("watch-for-ticket");

    journey.onEvent(
        event("e-ticket", CUSTOMER, EventTypes.TICKET_OPENED, Map.of("orderId", "o-9")));
    test.env.sleep(Duration.ofHours(1));
    assertThat(test.handoffs).hasSize(1);
  }

  @Test
  void handsOffOnlyTicketsAboutThisOrderAndNeverItsOwn() {
    var journey = delay();
    test.env.sleep(Duration.ofHours(1));

    // another order's ticket, a ticket about no order (support-escalation's), our own handoff
    journey.onEvent(event("e-t1", CUSTOMER, EventTypes.TICKET_OPENED, Map.of("orderId", "o-8")));
    journey.onEvent(event("e-t2", CUSTOMER, EventTypes.TICKET_OPENED, Map.of()));
    journey.onEvent(
        event(
            "e-t3",
            CUSTOMER,
            EventTypes.TICKET_OPENED,
            Map.of("orderId", "o-9", "tags", java.util.List.of("journeys", "delivery-delayed"))));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.handoffs).isEmpty();
  }

  @Test
  void enrolsPerOrder() {
    var first = event("e-1", CUSTOMER, EventTypes.DELIVERY_DELAYED, Map.of("orderId", "o-1"));
    var second = event("e-2", CUSTOMER, EventTypes.DELIVERY_DELAYED, Map.of("orderId", "o-2"));

    assertThat(DeliveryDelayed.DEFINITION.workflowId(first))
        .isNotEqualTo(DeliveryDelayed.DEFINITION.workflowId(second))
        .endsWith("/o-1");
  }

  @Test
  void theDeliveryArrivingEndsIt() {
    var journey = delay();
    test.env.sleep(Duration.ofDays(2));

    journey.onEvent(
        event("e-delivered", CUSTOMER, EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-9")));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.EXITED);
    assertThat(test.handoffs).isEmpty();
  }

  @Test
  void aHandoffInFlightWhenTheOrderArrivesCompletesAndIsRecordedBeforeTheJourneyEnds()
      throws Exception {
    var inFlight = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    test.beforeTicket =
        () -> {
          inFlight.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    var journey = delay();
    test.env.sleep(Duration.ofDays(1));
    journey.onEvent(
        event("e-ticket", CUSTOMER, EventTypes.TICKET_OPENED, Map.of("orderId", "o-9")));
    assertThat(inFlight.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    // the parcel arrives (an exit) while the helpdesk is opening the ticket
    journey.onEvent(
        event("e-delivered", CUSTOMER, EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-9")));
    Thread.sleep(1_000); // let the workflow see the exit while the handoff is still in flight
    release.countDown();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.EXITED);
    // the helpdesk opened the ticket, and the journey's state says so: they agree
    assertThat(test.handoffs).hasSize(1);
    assertThat(journey.state().handoffs())
        .containsExactly(new JourneyState.HandoffRecord("human-handoff", "T-1"));
    var history =
        test.client()
            .fetchHistory(
                io.temporal.client.WorkflowStub.fromTyped(journey).getExecution().getWorkflowId());
    assertThat(history.getEvents())
        .extracting(io.temporal.api.history.v1.HistoryEvent::getEventType)
        .doesNotContain(
            io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
  }

  @Test
  void aWaitEndedByItsEventCancelsItsTimer() {
    var journey = delay();
    test.env.sleep(Duration.ofDays(1));

    journey.onEvent(
        event("e-ticket", CUSTOMER, EventTypes.TICKET_OPENED, Map.of("orderId", "o-9")));
    test.env.sleep(Duration.ofHours(1));

    // waiting for the resolution now: the 7-day watch for a ticket is no stale timer any more
    assertThat(journey.state().step()).isEqualTo("wait-for-resolution");
    var history =
        test.client()
            .fetchHistory(
                io.temporal.client.WorkflowStub.fromTyped(journey).getExecution().getWorkflowId());
    var events =
        history.getEvents().stream()
            .map(io.temporal.api.history.v1.HistoryEvent::getEventType)
            .toList();
    assertThat(events)
        .filteredOn(e -> e == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED)
        .hasSize(2);
    assertThat(events)
        .filteredOn(e -> e == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_CANCELED)
        .hasSize(1);
  }
}
