package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The post-purchase journey enrols once per order: orders and their shipping events are routed by
 * {@code orderId}, with the per-customer enrollment of older clients and older enrollments as the
 * fallback (in-memory Temporal, no worker: the test looks at what reached which workflow).
 */
class PerOrderRoutingApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  @Test
  void twoOrdersOfOneCustomerStartTwoPostPurchaseEnrollments() throws Exception {
    var first = post(order("o-ann-1", "ann", "order_placed", "\"A-1001\""));
    var second = post(order("o-ann-2", "ann", "order_placed", "\"A-1002\""));

    assertThat(postPurchase(first)).isEqualTo("started journey/post-purchase/ann/A-1001");
    assertThat(postPurchase(second)).isEqualTo("started journey/post-purchase/ann/A-1002");
    assertThat(eventTypesOf("journey/post-purchase/ann/A-1001"))
        .startsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(eventTypesOf("journey/post-purchase/ann/A-1002"))
        .startsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/post-purchase/ann/A-1002"))
        .singleElement()
        .asString()
        .contains("A-1002")
        .doesNotContain("A-1001");
  }

  @Test
  void aShipmentReachesTheEnrollmentOfItsOrder() throws Exception {
    post(order("o-ben-1", "ben", "order_placed", "\"B-1\""));
    post(order("o-ben-2", "ben", "order_placed", "\"B-2\""));

    var shipped = post(order("s-ben-2", "ben", "order_shipped", "\"B-2\""));

    assertThat(postPurchase(shipped)).isEqualTo("signalled journey/post-purchase/ben/B-2");
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/post-purchase/ben/B-2"))
        .hasSize(2)
        .last()
        .asString()
        .contains("order_shipped");
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/post-purchase/ben/B-1"))
        .hasSize(1);
  }

  @Test
  void aNumericOrderIdIsPartOfTheWorkflowId() throws Exception {
    var placed = post(order("o-num", "nia", "order_placed", "4711"));
    var delivered = post(order("d-num", "nia", "order_delivered", "4711"));

    assertThat(postPurchase(placed)).isEqualTo("started journey/post-purchase/nia/4711");
    assertThat(postPurchase(delivered)).isEqualTo("signalled journey/post-purchase/nia/4711");
  }

  @Test
  void rejectsAnOrderIdThatCannotBePartOfAWorkflowIdAndStoresNothing() throws Exception {
    var single = post(order("o-slash", "cal", "order_placed", "\"a/b\""));

    assertThat(single.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(errorFields(single)).containsExactly("properties.orderId");

    var batch =
        post(
            "["
                + order("o-ok", "cal", "order_placed", "\"C-1\"")
                + ","
                + order("o-obj", "cal", "order_placed", "{\"id\":1}")
                + ","
                + order("o-blank", "cal", "order_shipped", "\"  \"")
                + ","
                + order("o-long", "cal", "order_delivered", "\"" + "x".repeat(201) + "\"")
                + "]");

    assertThat(batch.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(batch.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(errorFields(batch))
        .containsExactly(
            "[1].properties.orderId", "[2].properties.orderId", "[3].properties.orderId");
    assertThat(
            jdbc.sql("select count(*) from inbound_event where customer_id = 'cal'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(WorkflowHistories.exists(temporal, "journey/post-purchase/cal/C-1")).isFalse();
    assertThat(WorkflowHistories.exists(temporal, "journey/post-purchase/cal")).isFalse();
  }

  @Test
  void anOrderWithoutOrderIdStillEnrolsTheCustomerAndItsRunningEnrollmentGetsLaterEvents()
      throws Exception {
    // an enrollment started before post-purchase was per order, or by an order without orderId
    var placed = post(order("o-dee", "dee", "order_placed", null));
    assertThat(postPurchase(placed)).isEqualTo("started journey/post-purchase/dee");

    var shipped = post(order("s-dee", "dee", "order_shipped", "\"D-1\""));
    var delivered = post(order("d-dee", "dee", "order_delivered", null));

    assertThat(postPurchase(shipped)).isEqualTo("signalled journey/post-purchase/dee");
    assertThat(postPurchase(delivered)).isEqualTo("signalled journey/post-purchase/dee");
    assertThat(WorkflowHistories.signalInputs(temporal, "journey/post-purchase/dee")).hasSize(3);
    assertThat(WorkflowHistories.exists(temporal, "journey/post-purchase/dee/D-1")).isFalse();
  }

  @Test
  void aShipmentForACustomerWithoutAnEnrollmentIsHeldForItsOrder() throws Exception {
    var shipped = post(order("s-eli", "eli", "order_shipped", "\"E-1\""));

    assertThat(shipped.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(postPurchase(shipped)).isEqualTo("held journey/post-purchase/eli/E-1");
  }

  /** The post-purchase delivery of the first event of the response, as "action workflowId". */
  private String postPurchase(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    for (JsonNode d : json.readTree(response.getBody()).at("/results/0/journeys")) {
      if (d.get("journey").asText().equals("post-purchase")) {
        return d.get("action").asText() + " " + d.get("workflowId").asText();
      }
    }
    throw new AssertionError("no post-purchase delivery in " + response.getBody());
  }

  private List<String> errorFields(ResponseEntity<String> response) throws Exception {
    List<String> fields = new ArrayList<>();
    json.readTree(response.getBody())
        .get("errors")
        .forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/events", body);
  }

  private static String order(String id, String customer, String type, String orderIdJson) {
    String orderId = orderIdJson == null ? "" : "\"orderId\":" + orderIdJson + ",";
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{%s"total":"42.00"}}"""
        .formatted(id, customer, type, orderId);
  }

  private List<EventType> eventTypesOf(String workflowId) {
    return temporal.fetchHistory(workflowId).getEvents().stream()
        .map(io.temporal.api.history.v1.HistoryEvent::getEventType)
        .toList();
  }
}
