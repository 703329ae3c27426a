package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An {@code eventId} belongs to the key that sent it: another key may use it too, the same key
 * sending it again with the same payload gets {@code duplicate}, with another payload 409 and
 * nothing changes.
 */
class EventIdPerKeyApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  private String otherKey;

  @BeforeEach
  void createAnotherKey() throws Exception {
    if (otherKey != null) {
      return;
    }
    var created =
        sendJson(
            HttpMethod.POST,
            "/v1/admin/api-keys",
            "{\"name\":\"warehouse-" + System.nanoTime() + "\",\"scopes\":[\"events:write\"]}");
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    otherKey = json.readTree(created.getBody()).get("key").asText();
  }

  @Test
  void twoKeysMayUseTheSameEventIdAndTheJourneyGetsBoth() throws Exception {
    var fromAdmin = post(cart("e-1", "ada", "59.90"), null);
    var fromOther = post(cart("e-1", "ada", "12.00"), otherKey);

    assertThat(status(fromAdmin)).isEqualTo("accepted");
    assertThat(status(fromOther)).isEqualTo("accepted");
    assertThat(count("select count(*) from inbound_event where event_id = 'e-1'")).isEqualTo(2);
    // two events to the journey too: ids qualified by key, so it does not drop one as a repeat
    List<String> ids = WorkflowHistories.signalledEventIds(temporal, "journey/abandoned-cart/ada");
    assertThat(ids).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.endsWith("/e-1"));
  }

  @Test
  void theSameKeyWithTheSamePayloadIsADuplicate() throws Exception {
    post(cart("e-same", "bob", "59.90"), otherKey);
    var again = post(cart("e-same", "bob", "59.90"), otherKey);

    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(status(again)).isEqualTo("duplicate");
    assertThat(WorkflowHistories.signalledEventIds(temporal, "journey/abandoned-cart/bob"))
        .hasSize(1);
  }

  @Test
  void theSameKeyWithAnotherPayloadIs409AndChangesNothing() throws Exception {
    post(cart("e-diff", "cy", "59.90"), otherKey);

    var conflict = post(cart("e-diff", "cy", "99.90"), otherKey);

    JsonNode problem = assertConflict(conflict);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("eventId");
    assertThat(
            jdbc.sql(
                    "select properties ->> 'cartTotal' from inbound_event where event_id = 'e-diff'")
                .query(String.class)
                .single())
        .isEqualTo("59.90");
    assertThat(WorkflowHistories.signalledEventIds(temporal, "journey/abandoned-cart/cy"))
        .hasSize(1);
  }

  @Test
  void aBatchWithOneConflictingEventIsRejectedWhole() throws Exception {
    post(cart("e-old", "dee", "59.90"), null);

    var response =
        post("[" + cart("e-new", "eve", "10.00") + "," + cart("e-old", "dee", "1.00") + "]", null);

    JsonNode problem = assertConflict(response);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("[1].eventId");
    assertThat(count("select count(*) from inbound_event where event_id = 'e-new'")).isZero();
    assertThat(WorkflowHistories.exists(temporal, "journey/abandoned-cart/eve")).isFalse();
  }

  @Test
  void oneIdTwiceInABatchWithTwoPayloadsIsAConflict() throws Exception {
    var response =
        post(
            "[" + cart("e-twice", "fay", "10.00") + "," + cart("e-twice", "fay", "20.00") + "]",
            null);

    assertConflict(response);
    assertThat(count("select count(*) from inbound_event where event_id = 'e-twice'")).isZero();
  }

  @Test
  void oneIdTwiceInABatchWithOnePayloadIsDeliveredOnce() throws Exception {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    // a batch is delivered after its answer: wait for the delivery
    headers.add("Prefer", "wait=30");
    var response =
        http.exchange(
            "/v1/events",
            HttpMethod.POST,
            new HttpEntity<>(
                "[" + cart("e-rep", "gus", "10.00") + "," + cart("e-rep", "gus", "10.00") + "]",
                headers),
            String.class);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(response.getBody()).at("/results").findValuesAsText("status"))
        .containsExactly("delivered", "duplicate");
    assertThat(WorkflowHistories.signalledEventIds(temporal, "journey/abandoned-cart/gus"))
        .hasSize(1);
  }

  private JsonNode assertConflict(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(409);
    assertThat(problem.get("detail").asText()).contains("nothing was accepted");
    return problem;
  }

  private ResponseEntity<String> post(String body, String key) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (key != null) {
      headers.setBearerAuth(key);
    }
    return http.exchange(
        "/v1/events", HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private String status(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    return json.readTree(response.getBody()).at("/results/0/status").asText();
  }

  private static String cart(String id, String customer, String total) {
    return """
        {"eventId":"%s","customerId":"%s","type":"cart_abandoned",
         "occurredAt":"2026-11-23T10:00:00Z","properties":{"cartTotal":"%s"}}"""
        .formatted(id, customer, total);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
