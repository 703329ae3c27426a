package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.Enrollment;
import io.temporal.client.WorkflowClient;
import java.sql.Timestamp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events that arrive before their enrollment are held and start with it: the test reads the
 * enrollment each workflow was started with from its history (in-memory Temporal, no worker).
 */
class EarlyEventsApiTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  /** Journeys get an event's id qualified by the key that sent it: here the admin key, "env". */
  private static final String KEY = "env/";

  @Test
  void aShipmentBeforeItsOrderIsHeldAndStartsWithThatOrdersEnrollment() throws Exception {
    var shipped = post(event("s-fay-1", "fay", "order_shipped", "F-1", "10:30:00"));

    assertThat(action(shipped, "post-purchase")).isEqualTo("held journey/post-purchase/fay/F-1");
    var row =
        jdbc.sql(
                """
                select held_at, expires_at, delivered_at from pending_event
                where workflow_id = 'journey/post-purchase/fay/F-1' and event_id = 'env/s-fay-1'""")
            .query(
                (rs, n) ->
                    new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2), rs.getTimestamp(3)})
            .single();
    assertThat(Duration.between(row[0].toInstant(), row[1].toInstant()))
        .isEqualTo(Duration.ofHours(24));
    assertThat(row[2]).isNull();

    var otherOrder = post(event("o-fay-2", "fay", "order_placed", "F-2", "10:00:00"));
    var placed = post(event("o-fay-1", "fay", "order_placed", "F-1", "10:00:00"));

    assertThat(action(otherOrder, "post-purchase"))
        .isEqualTo("started journey/post-purchase/fay/F-2");
    assertThat(action(placed, "post-purchase")).isEqualTo("started journey/post-purchase/fay/F-1");
    assertThat(startedWith("journey/post-purchase/fay/F-2").earlierEvents()).isEmpty();
    var enrollment = startedWith("journey/post-purchase/fay/F-1");
    assertThat(enrollment.trigger().eventId()).isEqualTo(KEY + "o-fay-1");
    assertThat(enrollment.earlierEvents())
        .extracting(CustomerEvent::eventId, CustomerEvent::type)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(KEY + "s-fay-1", "order_shipped"));
    assertThat(enrollment.earlierEvents().getFirst().properties()).containsEntry("orderId", "F-1");
    assertThat(
            jdbc.sql("select delivered_at from pending_event where event_id = 'env/s-fay-1'")
                .query(Timestamp.class)
                .single())
        .isNotNull();
  }

  @Test
  void aPerCustomerEnrollmentStartsOnlyWithEventsThatHappenedAfterItsTrigger() throws Exception {
    // an order from yesterday and one placed just after the cart was abandoned, both arriving
    // before the (late) cart_abandoned event
    var old = post(event("o-gus-old", "gus", "order_placed", "G-0", "2026-11-22T09:00:00Z"));
    var recent = post(event("o-gus-new", "gus", "order_placed", "G-1", "10:05:00"));
    assertThat(action(old, "abandoned-cart")).isEqualTo("held journey/abandoned-cart/gus");
    assertThat(action(recent, "abandoned-cart")).isEqualTo("held journey/abandoned-cart/gus");

    var cart = post(event("c-gus", "gus", "cart_abandoned", null, "10:00:00"));

    assertThat(action(cart, "abandoned-cart")).isEqualTo("started journey/abandoned-cart/gus");
    assertThat(startedWith("journey/abandoned-cart/gus").earlierEvents())
        .extracting(CustomerEvent::eventId)
        .containsExactly(KEY + "o-gus-new");
  }

  @Test
  void anEventHeldLongerThanTheWindowIsNotDelivered() throws Exception {
    post(event("s-hal-1", "hal", "order_shipped", "H-1", "10:30:00"));
    jdbc.sql(
            "update pending_event set expires_at = now() - interval '1 minute'"
                + " where event_id = 'env/s-hal-1'")
        .update();

    var placed = post(event("o-hal-1", "hal", "order_placed", "H-1", "10:00:00"));

    assertThat(action(placed, "post-purchase")).isEqualTo("started journey/post-purchase/hal/H-1");
    assertThat(startedWith("journey/post-purchase/hal/H-1").earlierEvents()).isEmpty();
  }

  @Test
  void aHeldEventIsHandedOverOnceEvenWhenTheEnrollmentStartsAgain() throws Exception {
    post(event("t-ivy-ship", "ivy", "order_shipped", "I-1", "10:30:00"));
    post(event("o-ivy-1", "ivy", "order_placed", "I-1", "10:00:00"));
    temporal.newUntypedWorkflowStub("journey/post-purchase/ivy/I-1").terminate("test: ended");

    var again = post(event("o-ivy-1b", "ivy", "order_placed", "I-1", "11:00:00"));

    assertThat(action(again, "post-purchase")).isEqualTo("started journey/post-purchase/ivy/I-1");
    assertThat(startedWith("journey/post-purchase/ivy/I-1").earlierEvents()).isEmpty();
  }

  /** The enrollment the newest run of a workflow was started with. */
  private Enrollment startedWith(String workflowId) {
    var started =
        temporal
            .fetchHistory(workflowId)
            .getEvents()
            .getFirst()
            .getWorkflowExecutionStartedEventAttributes();
    return temporal
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0, java.util.Optional.of(started.getInput()), Enrollment.class, Enrollment.class);
  }

  /** What happened to the first event of the response at one journey: "action workflowId". */
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

  private static String event(String id, String customer, String type, String orderId, String at) {
    String occurredAt = at.contains("T") ? at : "2026-11-23T" + at + "Z";
    String properties = orderId == null ? "{}" : "{\"orderId\":\"" + orderId + "\"}";
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"%s","properties":%s}"""
        .formatted(id, customer, type, occurredAt, properties);
  }
}
