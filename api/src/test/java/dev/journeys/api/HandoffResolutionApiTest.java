package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.handoff.HandoffTickets;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The helpdesk reports a handoff ticket resolved with the ticket's own id only: no order id for a
 * per-order delay enrollment, not the customer's ticket id for a per-ticket escalation. The
 * resolution still reaches the enrollment that handed off, found by the ticket the handoff recorded
 * ({@link HandoffTickets}, as the handoff activity records it). In-memory Temporal, no worker: the
 * test looks at what reached which workflow.
 */
class HandoffResolutionApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired HandoffTickets tickets;

  @Test
  void theResolutionOfADelayHandoffReachesTheEnrollmentOfItsOrder() throws Exception {
    var delayed = post(event("d-1", "ann", "delivery_delayed", "\"orderId\":\"o-9\""));
    assertThat(action(delayed, "delivery-delayed"))
        .isEqualTo("started journey/delivery-delayed/ann/o-9");
    // the delay journey handed off: the helpdesk opened ticket HD-77 for it
    tickets.opened("ann", "HD-77", "journey/delivery-delayed/ann/o-9", "delivery-delayed");

    var resolved = post(event("r-1", "ann", "ticket_resolved", "\"ticketId\":\"HD-77\""));

    assertThat(action(resolved, "delivery-delayed"))
        .isEqualTo("signalled journey/delivery-delayed/ann/o-9");
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/delivery-delayed/ann/o-9"))
        .last()
        .asString()
        .contains("ticket_resolved")
        .contains("HD-77");
  }

  @Test
  void theResolutionOfAnEscalationHandoffReachesTheEnrollmentOfTheCustomersTicket()
      throws Exception {
    var opened =
        post(
            event(
                "t-1", "bea", "ticket_opened", "\"ticketId\":\"TK-1\",\"category\":\"complaint\""));
    assertThat(action(opened, "support-escalation"))
        .isEqualTo("started journey/support-escalation/bea/TK-1");
    tickets.opened("bea", "HD-78", "journey/support-escalation/bea/TK-1", "support-escalation");

    var resolved = post(event("r-2", "bea", "ticket_resolved", "\"ticketId\":\"HD-78\""));

    assertThat(action(resolved, "support-escalation"))
        .isEqualTo("signalled journey/support-escalation/bea/TK-1");
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/support-escalation/bea/TK-1"))
        .last()
        .asString()
        .contains("HD-78");
  }

  @Test
  void anotherCustomersResolutionOfTheSameTicketIdReachesNoHandoff() throws Exception {
    post(event("d-3", "cyd", "delivery_delayed", "\"orderId\":\"o-3\""));
    tickets.opened("cyd", "HD-79", "journey/delivery-delayed/cyd/o-3", "delivery-delayed");

    var resolved = post(event("r-3", "dan", "ticket_resolved", "\"ticketId\":\"HD-79\""));

    assertThat(action(resolved, "delivery-delayed")).doesNotStartWith("signalled");
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/delivery-delayed/cyd/o-3"))
        .hasSize(1);
  }

  /** The action and workflow id of the journey's delivery of the first event, "action id". */
  private String action(ResponseEntity<String> response, String journey) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    for (JsonNode d : json.readTree(response.getBody()).at("/results/0/journeys")) {
      if (d.get("journey").asText().equals(journey)) {
        return d.get("action").asText() + " " + d.get("workflowId").asText();
      }
    }
    throw new AssertionError("no " + journey + " delivery in " + response.getBody());
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/events", body);
  }

  private static String event(String id, String customer, String type, String properties) {
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{%s}}"""
        .formatted(id, customer, type, properties);
  }
}
