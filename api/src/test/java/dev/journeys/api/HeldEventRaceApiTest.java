package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.api.event.JourneyRouter;
import dev.journeys.api.event.PendingEvents;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A shipment and its order arrive at the same moment, with no lock between them (no database
 * connection is held across Temporal calls): whichever way their steps interleave, the order's
 * enrollment gets the shipment. {@link TemporalProbe} has a second API instance route the other
 * event at the worst moment.
 */
@Import(HeldEventRaceApiTest.Probe.class)
class HeldEventRaceApiTest extends ApiTestSupport {

  @TestConfiguration
  static class Probe {
    @Bean
    TemporalProbe temporalProbe() {
      return new TemporalProbe();
    }
  }

  @Autowired TemporalProbe probe;
  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;
  @Autowired PendingEvents pending;

  @AfterEach
  void resetProbe() {
    probe.reset();
  }

  @Test
  void anOrderThatStartsBetweenTheShipmentsSignalAndItsHoldGetsTheShipment() throws Exception {
    var once = new AtomicBoolean();
    // the shipment found no enrollment; before it is held, the order starts one
    probe.afterSignalNotFound =
        event -> {
          if (event.customerId().equals("kim") && once.compareAndSet(false, true)) {
            assertThat(
                    actionAt(
                        otherInstance()
                            .route(
                                customerEvent(
                                    "o-kim-1", "kim", "order_placed", "K-1", "10:00:00"))))
                .isEqualTo("started journey/post-purchase/kim/K-1");
          }
        };

    var shipped = post(event("s-kim-1", "kim", "order_shipped", "K-1", "10:30:00"));

    assertThat(action(shipped)).isEqualTo("signalled journey/post-purchase/kim/K-1");
    assertThat(WorkflowHistories.signalledEventIds(temporal, "journey/post-purchase/kim/K-1"))
        .contains("env/s-kim-1");
    assertThat(undeliveredHeld("journey/post-purchase/kim/K-1")).isZero();
  }

  @Test
  void aShipmentHeldAfterTheOrderLookedForHeldEventsReachesTheOrder() throws Exception {
    var once = new AtomicBoolean();
    // the order read the held events (none) and is about to start; the shipment is held now
    probe.beforeSignalWithStart =
        event -> {
          if (event.customerId().equals("lea") && once.compareAndSet(false, true)) {
            assertThat(
                    actionAt(
                        otherInstance()
                            .route(
                                customerEvent(
                                    "s-lea-1", "lea", "order_shipped", "L-1", "10:30:00"))))
                .isEqualTo("held journey/post-purchase/lea/L-1");
          }
        };

    var placed = post(event("o-lea-1", "lea", "order_placed", "L-1", "10:00:00"));

    assertThat(action(placed)).isEqualTo("started journey/post-purchase/lea/L-1");
    assertThat(WorkflowHistories.signalledEventIds(temporal, "journey/post-purchase/lea/L-1"))
        .contains("env/s-lea-1");
    assertThat(undeliveredHeld("journey/post-purchase/lea/L-1")).isZero();
  }

  /**
   * A second API instance: its own router, so nothing in this JVM orders its routing with the
   * request's; only the database and Temporal are shared, as between two instances.
   */
  private JourneyRouter otherInstance() {
    return new JourneyRouter(temporal, JourneyCatalog.all(), Clock.systemUTC(), pending);
  }

  private static String actionAt(java.util.List<JourneyRouter.Routing> routings) {
    return routings.stream()
        .filter(r -> r.journey().equals("post-purchase"))
        .map(r -> r.action() + " " + r.workflowId())
        .findFirst()
        .orElseThrow();
  }

  /** An event as journeys get it from the admin key ("env"). */
  private static CustomerEvent customerEvent(
      String id, String customer, String type, String orderId, String at) {
    return new CustomerEvent(
        "env/" + id,
        customer,
        type,
        java.time.Instant.parse("2026-11-23T" + at + "Z"),
        java.util.Map.of("orderId", orderId));
  }

  private long undeliveredHeld(String workflowId) {
    return jdbc.sql(
            "select count(*) from pending_event where workflow_id = :w and delivered_at is null")
        .param("w", workflowId)
        .query(Long.class)
        .single();
  }

  private String action(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
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

  private static String event(String id, String customer, String type, String orderId, String at) {
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T%sZ",
         "properties":{"orderId":"%s"}}"""
        .formatted(id, customer, type, at, orderId);
  }
}
