package dev.journeys.journey.support;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyTestEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SupportEscalationJourneyTest {

  private static final String CUSTOMER = "asking-1";
  private final JourneyTestEnvironment test = new JourneyTestEnvironment();

  @AfterEach
  void tearDown() {
    test.close();
  }

  private SupportEscalationJourney ticket(String category) {
    return ticket(Map.of("category", category, "subject", "About my order"));
  }

  private SupportEscalationJourney ticket(Map<String, Object> properties) {
    test.worker.registerWorkflowImplementationTypes(SupportEscalationJourneyImpl.class);
    test.start();
    return test.enrol(
        SupportEscalationJourney.class,
        JourneyCatalog.SUPPORT_ESCALATION,
        event("e-ticket", CUSTOMER, EventTypes.TICKET_OPENED, properties));
  }

  @Test
  void anotherTicketsResolutionDoesNotCloseThisOne() {
    var journey = ticket(Map.of("category", "question", "ticketId", "TK-1"));
    test.env.sleep(Duration.ofHours(2));

    journey.onEvent(
        event("e-other", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of("ticketId", "TK-2")));
    test.env.sleep(Duration.ofDays(1));

    assertThat(test.handoffs)
        .extracting(h -> h.reason())
        .containsExactly("unresolved after automated answer");
    // the customer's own ticket resolved also ends the wait for the agent
    journey.onEvent(
        event("e-res", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of("ticketId", "TK-1")));
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
  }

  @Test
  void leavesATicketJourneysOpenedItselfAlone() {
    var journey =
        ticket(Map.of("category", "complaint", "ticketId", "T-7", "tags", "journeys,win-back"));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.handoffs).isEmpty();
    assertThat(test.sent).isEmpty();
    assertThat(journey.state().step()).isEqualTo("completed");
  }

  @Test
  void enrolsPerTicket() {
    var routine = event("e-1", CUSTOMER, EventTypes.TICKET_OPENED, Map.of("ticketId", "TK-1"));
    var complaint = event("e-2", CUSTOMER, EventTypes.TICKET_OPENED, Map.of("ticketId", "TK-2"));

    assertThat(SupportEscalation.DEFINITION.workflowId(routine))
        .isNotEqualTo(SupportEscalation.DEFINITION.workflowId(complaint));
  }

  @ParameterizedTest
  @ValueSource(strings = {"complaint", "refund", "damaged_order"})
  void routesSeriousMattersToAHumanAtOnce(String category) {
    var journey = ticket(category);
    test.env.sleep(Duration.ofMinutes(1));

    assertThat(test.handoffs).hasSize(1);
    assertThat(test.handoffs.getFirst().priority()).isEqualTo("urgent");
    assertThat(test.handoffs.getFirst().reason()).isEqualTo(category);
    assertThat(test.sent).isEmpty();

    journey.onEvent(
        event("e-res", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
  }

  @Test
  void routesEveryTicketOfAVipToAHuman() {
    test.profiles.put(CUSTOMER, new CustomerProfile(CUSTOMER, null, null, Map.of("tier", "vip")));
    var journey = ticket("question");
    test.env.sleep(Duration.ofMinutes(1));

    assertThat(test.handoffs).extracting(h -> h.reason()).containsExactly("vip");
    assertThat(test.sent).isEmpty();
    assertThat(journey.state().step()).isEqualTo("wait-for-agent");
  }

  @Test
  void answersARoutineQuestionAutomaticallyAndStopsWhenResolved() {
    var journey = ticket("question");
    test.env.sleep(Duration.ofHours(2));

    assertThat(test.messageKeys()).containsExactly("support-answer");
    journey.onEvent(event("e-res", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of()));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.handoffs).isEmpty();
  }

  @Test
  void escalatesARoutineQuestionTheAutomatedAnswerDidNotSolve() {
    var journey = ticket("question");
    test.env.sleep(Duration.ofDays(1).plusMinutes(1));

    assertThat(test.handoffs).hasSize(1);
    var handoff = test.handoffs.getFirst();
    assertThat(handoff.reason()).isEqualTo("unresolved after automated answer");
    assertThat(handoff.priority()).isEqualTo("normal");
    assertThat(handoff.messages())
        .extracting(m -> m.messageKey())
        .containsExactly("support-answer");

    journey.onEvent(
        event("e-res", CUSTOMER, EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
  }
}
