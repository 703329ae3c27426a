package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each event type's declared payload is checked at the API: a declared property of the wrong type
 * or a missing required one is a 400 problem naming it, and nothing is stored or started; any other
 * property is free (in-memory Temporal, no worker).
 */
class TypedEventsApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  @Test
  void rejectsDeclaredPropertiesOfTheWrongTypeNamingEach() throws Exception {
    var response =
        post(
            event(
                "o-typo",
                "tia",
                "order_placed",
                """
                {"orderId":"T-1","consumable":"yes","replenishAfterDays":"30","orderTotal":"cheap"}"""));

    JsonNode problem = assertProblem(response);
    assertThat(errors(problem))
        .containsExactly(
            "properties.orderTotal: must be a number or a decimal string",
            "properties.consumable: must be true or false",
            "properties.replenishAfterDays: must be an integer");
    assertNothingStoredOrStarted("tia", "journey/post-purchase/tia/T-1");
  }

  @Test
  void rejectsAMissingRequiredProperty() throws Exception {
    var response = post(event("r-none", "uli", "ticket_resolved", "{\"note\":\"done\"}"));

    assertThat(errors(assertProblem(response))).containsExactly("properties.ticketId: is required");
    assertNothingStoredOrStarted("uli", "journey/support-escalation/uli");
  }

  @Test
  void rejectsAWholeBatchAndNamesABadOrderIdOnce() throws Exception {
    var response =
        post(
            "["
                + event("o-fine", "vic", "order_placed", "{\"orderId\":\"V-1\"}")
                + ","
                + event("s-bool", "vic", "order_shipped", "{\"orderId\":true}")
                + ","
                + event("t-num", "vic", "ticket_opened", "{\"ticketId\":12.5,\"tags\":[1]}")
                + "]");

    assertThat(errors(assertProblem(response)))
        .containsExactly(
            "[1].properties.orderId: must be a string or an integer",
            "[2].properties.ticketId: must be a string or an integer",
            "[2].properties.tags: must be an array of strings or a comma-separated string");
    assertNothingStoredOrStarted("vic", "journey/post-purchase/vic/V-1");
  }

  @Test
  void acceptsUndeclaredPropertiesOfAnyShape() {
    var response =
        post(
            event(
                "c-free",
                "wes",
                "cart_abandoned",
                """
                {"cartTotal":59.9,"items":[{"sku":"A-1","qty":2}],"coupon":null,"gift":true}"""));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void anOrderIdSentAsTextOrAsANumberReachesOneEnrollment() throws Exception {
    var placed = post(event("o-1001", "xan", "order_placed", "{\"orderId\":1001}"));
    var shipped = post(event("s-1001", "xan", "order_shipped", "{\"orderId\":\"1001\"}"));
    var delivered = post(event("d-1001", "xan", "order_delivered", "{\"orderId\":1001.0}"));

    assertThat(postPurchase(placed)).isEqualTo("started journey/post-purchase/xan/1001");
    assertThat(postPurchase(shipped)).isEqualTo("signalled journey/post-purchase/xan/1001");
    assertThat(postPurchase(delivered)).isEqualTo("signalled journey/post-purchase/xan/1001");
  }

  @Test
  void theOpenApiDocumentDescribesEachPayloadFromTheRegistry() throws Exception {
    var response = http.getForEntity("/v3/api-docs", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode schemas = json.readTree(response.getBody()).at("/components/schemas");
    assertThat(schemas.at("/TicketResolvedPayload/required/0").asText()).isEqualTo("ticketId");
    assertThat(schemas.at("/OrderPlacedPayload/properties/replenishAfterDays/maximum").asInt())
        .isEqualTo(3650);
    assertThat(schemas.at("/OrderPlacedPayload/properties/orderId/oneOf/1/type").asText())
        .isEqualTo("integer");
    assertThat(schemas.at("/Event/properties/type/enum").toString())
        .contains("order_placed", "ticket_resolved")
        .doesNotContain("message_delivered");
    assertThat(schemas.has("MessageReceiptPayload")).isFalse();
    assertThat(
            json.readTree(response.getBody())
                .at(
                    "/paths/~1v1~1events/post/requestBody/content/application~1json/schema/oneOf/0/$ref")
                .asText())
        .isEqualTo("#/components/schemas/Event");
  }

  private void assertNothingStoredOrStarted(String customer, String workflowId) {
    assertThat(
            jdbc.sql("select count(*) from inbound_event where customer_id = :c")
                .param("c", customer)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(WorkflowHistories.exists(temporal, workflowId)).isFalse();
  }

  private JsonNode assertProblem(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    return json.readTree(response.getBody());
  }

  private static List<String> errors(JsonNode problem) {
    List<String> errors = new ArrayList<>();
    problem
        .get("errors")
        .forEach(e -> errors.add(e.get("field").asText() + ": " + e.get("message").asText()));
    return errors;
  }

  private String postPurchase(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    for (JsonNode d : json.readTree(response.getBody()).at("/results/0/journeys")) {
      if (d.get("journey").asText().equals("post-purchase")) {
        return d.get("action").asText() + " " + d.get("workflowId").asText();
      }
    }
    throw new AssertionError("no post-purchase delivery in " + response.getBody());
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/events", body);
  }

  private static String event(String id, String customer, String type, String properties) {
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"%s","properties":%s}"""
        .formatted(id, customer, type, java.time.Instant.now().minusSeconds(60), properties);
  }
}
