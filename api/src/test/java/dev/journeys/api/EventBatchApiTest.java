package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Batches over HTTP: all or nothing, recorded before they are delivered, delivered with no database
 * connection held across Temporal calls, and a retry after a failure part way that completes the
 * rest without repeating anything. A small pool (3 connections, 3 s to get one) makes a held
 * connection visible; {@link TemporalProbe} makes Temporal slow or failing where a test needs it.
 */
@TestPropertySource(
    properties = {
      "spring.datasource.hikari.maximum-pool-size=3",
      "spring.datasource.hikari.connection-timeout=3000",
      "journeys.events.delivery-parallelism=4",
      "journeys.events.max-event-size=64KB"
    })
@Import(EventBatchApiTest.Probe.class)
class EventBatchApiTest extends ApiTestSupport {

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

  @AfterEach
  void resetProbe() {
    probe.reset();
  }

  @Test
  void holdsNoDatabaseConnectionWhileCallingTemporal() throws Exception {
    var response = post(batch("held", 20));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(probe.calls.get()).isGreaterThanOrEqualTo(20);
    assertThat(probe.callsInTransaction.get()).isZero();
  }

  @Test
  void batchesAtOnceLeaveThePoolToOtherRequests() throws Exception {
    // warm: the first profile request of a context is slow for reasons of its own
    sendJson(HttpMethod.PUT, "/v1/customers/pool-reader", "{\"email\":\"r@shop.test\"}");
    // a remote Temporal: every call takes a while, so a batch of 20 takes seconds one by one
    probe.latency(Duration.ofMillis(300));
    List<Future<ResponseEntity<String>>> batches = new ArrayList<>();
    try (var clients = Executors.newFixedThreadPool(4)) {
      for (int b = 0; b < 4; b++) {
        String body = batch("pool" + b + "-", 20);
        batches.add(clients.submit(() -> post(body)));
      }
      // while they run, a request that needs only the database: with a connection held per batch
      // it would wait for one longer than the pool allows (3 s) and fail
      while (probe.calls.get() < 4) {
        Thread.sleep(10);
      }
      var profile =
          sendJson(HttpMethod.PUT, "/v1/customers/pool-reader", "{\"email\":\"s@shop.test\"}");

      assertThat(profile.getStatusCode().is2xxSuccessful()).as(profile.getBody()).isTrue();
      for (var batch : batches) {
        var response = batch.get();
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
      }
    }
  }

  @Test
  void aTemporalOutagePartWayIs503AndTheRetryDeliversTheRestOnce() throws Exception {
    probe.fail("part-3", Status.UNAVAILABLE, 1);
    String body = batch("part-", 6);

    var first = post(body);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(first.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(first.getHeaders().getFirst("Retry-After")).isNotBlank();
    // every event is recorded; not all were delivered
    assertThat(count("select count(*) from inbound_event where customer_id like 'part-%'"))
        .isEqualTo(6);
    assertThat(
            count(
                "select count(*) from inbound_event where customer_id like 'part-%'"
                    + " and delivered_at is null"))
        .isPositive();

    var retry = post(body);
    assertThat(retry.getStatusCode()).as(retry.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode results = json.readTree(retry.getBody()).get("results");
    assertThat(results.get(3).get("status").asText()).isEqualTo("accepted");
    assertThat(
            count(
                "select count(*) from inbound_event where customer_id like 'part-%'"
                    + " and delivered_at is null"))
        .isZero();
    // each enrollment got its event once: nothing delivered twice
    for (int i = 0; i < 6; i++) {
      assertThat(signals("journey/abandoned-cart/part-" + i)).as("part-" + i).isEqualTo(1);
    }
    var again = post(body);
    assertThat(json.readTree(again.getBody()).findValuesAsText("status")).containsOnly("duplicate");
  }

  @Test
  void aBatchWithAnInvalidEventStoresAndStartsNothing() throws Exception {
    String body =
        "["
            + event("inv-0", "inv-0", "cart_abandoned", "59.90")
            + ","
            + event("inv-1", "inv-1", "cart_exploded", "59.90")
            + "]";

    var response = post(body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(count("select count(*) from inbound_event where customer_id like 'inv-%'")).isZero();
    assertThat(probe.calls.get()).isZero();
  }

  @Test
  void aPermanentRefusalIs422AndFreesTheEventId() throws Exception {
    probe.fail(
        "refused", Status.INVALID_ARGUMENT.withDescription("Blob data size exceeds limit."), 1);

    var refused = post(event("r-1", "refused", "cart_abandoned", "59.90"));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(refused.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.at("/errors/0/message").asText()).contains("Blob data size exceeds limit");
    assertThat(count("select count(*) from inbound_event where customer_id = 'refused'")).isZero();
    // the sender corrects the event and sends it again under the same id
    var corrected = post(event("r-1", "refused", "cart_abandoned", "19.90"));
    assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void anEventTooLargeForAJourneyIs400AndStoresNothing() throws Exception {
    // an undeclared property: any text passes the payload check, only the size is wrong
    var response =
        post(
            """
            {"eventId":"big-1","customerId":"big","type":"cart_abandoned",
             "occurredAt":"2026-11-23T10:00:00Z","properties":{"note":"%s"}}"""
                .formatted("x".repeat(100_000)));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).at("/errors/0/message").asText())
        .contains("journeys.events.max-event-size");
    assertThat(count("select count(*) from inbound_event where customer_id = 'big'")).isZero();
    assertThat(probe.calls.get()).isZero();
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/events", body);
  }

  /** {@code n} abandoned carts, one per customer {@code <prefix>0..n-1}. */
  private static String batch(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> event("e-" + prefix + i, prefix + i, "cart_abandoned", "59.90"))
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  static String event(String id, String customer, String type, String cartTotal) {
    return """
        {"eventId":"%s","customerId":"%s","type":"%s","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{"cartTotal":"%s"}}"""
        .formatted(id, customer, type, cartTotal);
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private long signals(String workflowId) {
    return temporal.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .count();
  }
}
