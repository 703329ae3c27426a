package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.catalog.JourneyCatalog;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The events endpoint over HTTP, on real PostgreSQL and Temporal's in-memory test server (no
 * worker: the test looks at what reached Temporal, not at what the journey does).
 */
class EventIngestApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  @Test
  void startsTheJourneyWithSignalWithStartOnATriggerEvent() throws Exception {
    var response = post(event("e-1", "ada", "cart_abandoned"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode result = json.readTree(response.getBody()).get("results").get(0);
    assertThat(result.get("status").asText()).isEqualTo("accepted");
    assertThat(result.get("journeys").get(0).get("workflowId").asText())
        .isEqualTo("journey/abandoned-cart/ada");
    assertThat(eventTypesOf("journey/abandoned-cart/ada"))
        .startsWith(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
  }

  @Test
  void acceptsARepeatedEventIdOnceAndIgnoresItAfter() throws Exception {
    post(event("e-dup", "bob", "cart_abandoned"));
    var again = post(event("e-dup", "bob", "cart_abandoned"));

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(json.readTree(again.getBody()).at("/results/0/status").asText())
        .isEqualTo("duplicate");
    assertThat(eventTypesOf("journey/abandoned-cart/bob"))
        .filteredOn(t -> t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .hasSize(1);
    assertThat(storedEvents("bob")).isEqualTo(1);
  }

  @Test
  void signalsARunningJourneyWithALaterEvent() throws Exception {
    post(event("e-cart", "cy", "cart_abandoned"));
    var order = post(event("e-order", "cy", "order_placed"));

    assertThat(json.readTree(order.getBody()).at("/results/0/journeys/0/action").asText())
        .isEqualTo("signalled");
    assertThat(eventTypesOf("journey/abandoned-cart/cy"))
        .filteredOn(t -> t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .hasSize(2);
  }

  @Test
  void keepsAListenerEventForACustomerWithoutARunningJourney() throws Exception {
    var order = post(event("e-lonely", "dee", "order_placed"));

    assertThat(order.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    // held for an abandoned cart that may not have arrived yet
    assertThat(json.readTree(order.getBody()).at("/results/0/journeys/0/action").asText())
        .isEqualTo("held");
    assertThat(storedEvents("dee")).isEqualTo(1);
  }

  @Test
  void acceptsABatch() throws Exception {
    var response =
        post(
            "["
                + event("e-b1", "eve", "cart_abandoned")
                + ","
                + event("e-b2", "eve", "order_placed")
                + "]");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(json.readTree(response.getBody()).get("results")).hasSize(2);
    assertThat(storedEvents("eve")).isEqualTo(2);
  }

  @Test
  void rejectsMalformedJsonWithProblemDetails() throws Exception {
    var response = post("{\"eventId\": \"e-x\", ");

    assertProblem(response, "Malformed request body");
  }

  @Test
  void rejectsAnUnknownEventTypeAndStoresNothing() throws Exception {
    var response = post(event("e-unknown", "fay", "cart_exploded"));

    JsonNode problem = assertProblem(response, "Invalid request");
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("type");
    assertThat(problem.at("/errors/0/message").asText()).contains("cart_exploded");
    assertThat(storedEvents("fay")).isZero();
    assertThat(journeyExists("journey/abandoned-cart/fay")).isFalse();
  }

  @Test
  void rejectsAnEventWithoutCustomerId() throws Exception {
    var response =
        post(
            "{\"eventId\":\"e-anon\",\"type\":\"cart_abandoned\",\"occurredAt\":\"2026-11-23T10:00:00Z\"}");

    JsonNode problem = assertProblem(response, "Invalid request");
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("customerId");
    assertThat(
            jdbc.sql("select count(*) from inbound_event where event_id = 'e-anon'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void rejectsAWholeBatchWhenOneEventIsInvalid() throws Exception {
    var response =
        post(
            "["
                + event("e-ok", "gus", "cart_abandoned")
                + ",{\"eventId\":\"e-bad\",\"customerId\":\"gus\",\"type\":\"cart_abandoned\",\"occurredAt\":\"yesterday\"}]");

    JsonNode problem = assertProblem(response, "Invalid request");
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("[1].occurredAt");
    assertThat(storedEvents("gus")).isZero();
    assertThat(journeyExists("journey/abandoned-cart/gus")).isFalse();
  }

  private JsonNode assertProblem(ResponseEntity<String> response, String title) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("title").asText()).isEqualTo(title);
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).isNotBlank();
    return problem;
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/events", body);
  }

  static String event(String id, String customer, String type) {
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{"cartTotal":"59.90","items":[{"sku":"A-1","qty":2}],"coupon":null}}"""
        .formatted(id, customer, type);
  }

  private long storedEvents(String customer) {
    return jdbc.sql("select count(*) from inbound_event where customer_id = :c")
        .param("c", customer)
        .query(Long.class)
        .single();
  }

  private java.util.List<EventType> eventTypesOf(String workflowId) {
    return temporal.fetchHistory(workflowId).getEvents().stream()
        .map(e -> e.getEventType())
        .toList();
  }

  private boolean journeyExists(String workflowId) {
    try {
      temporal.fetchHistory(workflowId);
      return true;
    } catch (RuntimeException notFound) {
      return false;
    }
  }

  static {
    // keep the catalog in the class's imports honest: the test relies on this journey name
    assertThat(JourneyCatalog.ABANDONED_CART.name()).isEqualTo("abandoned-cart");
  }
}
