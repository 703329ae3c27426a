package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.api.event.EventOutbox;
import dev.journeys.api.event.EventRelay;
import dev.journeys.api.event.JourneyRouter;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Batches over HTTP through the outbox: recorded whole (all or nothing) and answered 202 with the
 * batch's status before delivery, then delivered by the relay with no database connection held
 * across Temporal calls, each customer's events in order, Temporal outages retried without
 * repeating anything, refusals reported. A small pool (3 connections, 3 s to get one) makes a held
 * connection visible; {@link TemporalProbe} makes Temporal slow or failing where a test needs it.
 */
@TestPropertySource(
    properties = {
      "spring.datasource.hikari.maximum-pool-size=3",
      "spring.datasource.hikari.connection-timeout=3000",
      "journeys.events.delivery-parallelism=4",
      "journeys.events.relay.parallelism=4",
      "journeys.events.relay.poll-interval=100ms",
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
  @Autowired EventRelay relay;
  @Autowired EventOutbox outbox;
  @Autowired JourneyRouter router;
  @Autowired MeterRegistry metrics;

  @AfterEach
  void resetProbe() {
    probe.reset();
    relay.start();
  }

  @Test
  void aBatchOf500IsAnsweredAtOnceAndDeliveredAfter() throws Exception {
    // Temporal as a loaded dev server is: every call takes a while (500 x 20 ms / 4 = 2.5 s)
    probe.latency(Duration.ofMillis(20));
    long start = System.nanoTime();

    var response = post(batch("five-", 500));

    Duration answered = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(answered).isLessThan(Duration.ofSeconds(5));
    JsonNode status = json.readTree(response.getBody());
    assertThat(status.at("/counts/accepted").asInt()).isEqualTo(500);
    assertThat(status.at("/counts/delivered").asInt()).isLessThan(500);
    assertThat(status.get("results")).hasSize(500);
    String location = response.getHeaders().getLocation().toString();
    assertThat(location).isEqualTo("/v1/events/batches/" + status.get("batchId").asText());

    JsonNode done = awaitDone(location, Duration.ofSeconds(120));
    assertThat(done.at("/counts/delivered").asInt()).isEqualTo(500);
    assertThat(done.at("/counts/pending").asInt()).isZero();
    assertThat(done.at("/results/0/status").asText()).isEqualTo("delivered");
    assertThat(done.at("/results/0/journeys/0/action").asText()).isEqualTo("started");
    // paged: 100 by default, the next page after the last position shown
    assertThat(done.get("results")).hasSize(100);
    assertThat(done.get("next").asText()).isEqualTo("?after=99&limit=100");
    JsonNode last = get(location + "?after=449&limit=100");
    assertThat(last.get("results")).hasSize(50);
    assertThat(last.at("/results/49/eventId").asText()).isEqualTo("e-five-499");
    assertThat(last.has("next")).isFalse();
    assertThat(probe.callsInTransaction.get()).isZero();
    assertThat(signals("journey/abandoned-cart/five-499")).isEqualTo(1);
  }

  @Test
  void holdsNoDatabaseConnectionWhileCallingTemporal() throws Exception {
    var response = post(batch("held", 20));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(30));
    assertThat(probe.calls.get()).isGreaterThanOrEqualTo(20);
    assertThat(probe.callsInTransaction.get()).isZero();
  }

  @Test
  void batchesAtOnceLeaveThePoolToOtherRequests() throws Exception {
    sendJson(HttpMethod.PUT, "/v1/customers/pool-reader", "{\"email\":\"r@shop.test\"}");
    // a remote Temporal: every call takes a while, so the relay is busy for seconds
    probe.latency(Duration.ofMillis(300));
    List<Future<ResponseEntity<String>>> batches = new ArrayList<>();
    try (var clients = Executors.newFixedThreadPool(4)) {
      for (int b = 0; b < 4; b++) {
        String body = batch("pool" + b + "-", 20);
        batches.add(clients.submit(() -> post(body)));
      }
      while (probe.calls.get() < 4) {
        Thread.sleep(10);
      }
      // while the relay delivers, a request that needs only the database gets a connection
      var profile =
          sendJson(HttpMethod.PUT, "/v1/customers/pool-reader", "{\"email\":\"s@shop.test\"}");

      assertThat(profile.getStatusCode().is2xxSuccessful()).as(profile.getBody()).isTrue();
      for (var batch : batches) {
        var response = batch.get();
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
      }
    }
    probe.latency(Duration.ZERO);
    for (var batch : batches) {
      awaitDone(batch.get().getHeaders().getLocation().toString(), Duration.ofSeconds(60));
    }
  }

  @Test
  void aTemporalOutageIsAcceptedAnywayAndDeliveredOnceItIsBackWithoutRepeats() throws Exception {
    // every customer's first calls find Temporal unavailable
    for (int i = 0; i < 6; i++) {
      probe.fail("out-" + i, Status.UNAVAILABLE, 3);
    }
    String body = batch("out-", 6);

    var first = post(body);

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(count("select count(*) from inbound_event where customer_id like 'out-%'"))
        .isEqualTo(6);
    JsonNode done = awaitDone(first.getHeaders().getLocation().toString(), Duration.ofSeconds(60));
    assertThat(done.at("/counts/delivered").asInt()).isEqualTo(6);
    assertThat(done.at("/counts/failed").asInt()).isZero();
    for (int i = 0; i < 6; i++) {
      String suffix = "/e-out-" + i;
      // tried until Temporal took it, and then never again
      assertThat(probe.eventIds.stream().filter(id -> id.endsWith(suffix)).count())
          .isGreaterThanOrEqualTo(4);
      assertThat(signals("journey/abandoned-cart/out-" + i)).as("out-" + i).isEqualTo(1);
    }
    // the same batch again: every event was delivered before
    var again = post(body);
    JsonNode repeat = json.readTree(again.getBody());
    assertThat(repeat.at("/counts/duplicate").asInt()).isEqualTo(6);
    assertThat(repeat.get("state").asText()).isEqualTo("done");
    assertThat(repeat.findValuesAsText("status")).containsOnly("duplicate");
  }

  @Test
  void eachCustomersEventsAreDeliveredInOrderEvenAcrossRetries() throws Exception {
    // three customers' carts interleaved; the first customer's first call fails twice
    List<String> events = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      for (String c : List.of("ord-a", "ord-b", "ord-c")) {
        events.add(event("e-" + c + "-" + n, c, "cart_abandoned", n + "0.00"));
      }
    }
    probe.fail("ord-a", Status.UNAVAILABLE, 2);

    var response = post(events.stream().collect(Collectors.joining(",", "[", "]")));

    awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(60));
    for (String c : List.of("ord-a", "ord-b", "ord-c")) {
      List<String> delivered =
          probe.eventIds.stream()
              .map(id -> id.substring(id.lastIndexOf('/') + 1))
              .filter(id -> id.startsWith("e-" + c + "-"))
              .distinct()
              .toList();
      assertThat(delivered)
          .as(c)
          .containsExactly(
              "e-" + c + "-0", "e-" + c + "-1", "e-" + c + "-2", "e-" + c + "-3", "e-" + c + "-4");
    }
    // ord-a's first event was tried three times before any of its later ones
    List<String> ordA =
        probe.eventIds.stream()
            .map(id -> id.substring(id.lastIndexOf('/') + 1))
            .filter(id -> id.startsWith("e-ord-a-"))
            .toList();
    assertThat(ordA.subList(0, 3)).containsOnly("e-ord-a-0");
  }

  @Test
  void aPermanentRefusalInABatchIsReportedFailedAndTheCustomersNextEventGoesOn() throws Exception {
    probe.fail(
        "ref-b", Status.INVALID_ARGUMENT.withDescription("Blob data size exceeds limit."), 1);
    String body =
        "["
            + event("rb-0", "ref-b", "cart_abandoned", "59.90")
            + ","
            + event("rb-1", "ref-b", "cart_abandoned", "19.90")
            + ","
            + event("ra-0", "ref-a", "cart_abandoned", "9.90")
            + "]";

    var response = post(body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode done =
        awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(30));
    assertThat(done.at("/counts/failed").asInt()).isEqualTo(1);
    assertThat(done.at("/counts/delivered").asInt()).isEqualTo(2);
    assertThat(done.at("/failures/0/index").asInt()).isZero();
    assertThat(done.at("/failures/0/reason").asText()).contains("Blob data size exceeds limit");
    assertThat(done.at("/results/0/status").asText()).isEqualTo("failed");
    assertThat(done.at("/results/1/status").asText()).isEqualTo("delivered");
    // refused once, never tried again
    assertThat(probe.eventIds.stream().filter(id -> id.endsWith("/rb-0")).count()).isEqualTo(1);
  }

  @Test
  void preferWaitAnswersWithTheOutcomesOnceDelivered() throws Exception {
    var headers = jsonHeaders();
    headers.add("Prefer", "wait=20");

    var response =
        http.exchange(
            "/v1/events",
            HttpMethod.POST,
            new HttpEntity<>(batch("wait-", 5), headers),
            String.class);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode status = json.readTree(response.getBody());
    assertThat(status.get("state").asText()).isEqualTo("done");
    assertThat(status.at("/results/4/journeys/0/action").asText()).isEqualTo("started");
  }

  @Test
  void respondAsyncTakesOneEventThroughTheOutbox() throws Exception {
    var headers = jsonHeaders();
    headers.add("Prefer", "respond-async");

    var response =
        http.exchange(
            "/v1/events",
            HttpMethod.POST,
            new HttpEntity<>(event("async-1", "async", "cart_abandoned", "5.00"), headers),
            String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(response.getHeaders().getFirst("Preference-Applied")).isEqualTo("respond-async");
    JsonNode done =
        awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(30));
    assertThat(done.at("/results/0/status").asText()).isEqualTo("delivered");
  }

  @Test
  void twoRelaysOnOneDatabaseNeverDeliverTheSameEvent() throws Exception {
    var secondMetrics = new SimpleMeterRegistry();
    var second =
        new EventRelay(
            outbox,
            router,
            secondMetrics,
            Clock.systemUTC(),
            true,
            4,
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMillis(20),
            10);
    second.start();
    try {
      probe.latency(Duration.ofMillis(30));
      // customers with several events each, so that both relays take customers' chains
      List<String> events = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        for (int c = 0; c < 40; c++) {
          events.add(event("e-two-" + c + "-" + n, "two-" + c, "cart_abandoned", n + ".00"));
        }
      }
      var response = post(events.stream().collect(Collectors.joining(",", "[", "]")));

      awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(90));
      Map<String, Long> callsPerEvent = new HashMap<>();
      for (String id : List.copyOf(probe.eventIds)) {
        callsPerEvent.merge(id.substring(id.lastIndexOf('/') + 1), 1L, Long::sum);
      }
      assertThat(callsPerEvent).hasSize(120);
      assertThat(callsPerEvent.values()).containsOnly(1L);
      // both relays did part of the work
      assertThat(relayed(metrics)).isPositive();
      assertThat(relayed(secondMetrics)).isPositive();
    } finally {
      second.stop();
    }
  }

  @Test
  void aDeadInstancesLeasesAreTakenOverWhenTheyExpire() throws Exception {
    relay.stop();
    var response = post(batch("dead-", 5));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    // an instance that leased them and died
    jdbc.sql(
            """
            update inbound_event set claimed_by = :dead, claimed_until = now() + interval '3 seconds'
            where customer_id like 'dead-%'""")
        .param("dead", UUID.randomUUID())
        .update();
    relay.start();

    Thread.sleep(1500);
    JsonNode early = get(response.getHeaders().getLocation().toString());
    assertThat(early.at("/counts/pending").asInt()).isEqualTo(5);
    assertThat(probe.calls.get()).isZero();
    assertThat(metrics.get("journeys.events.relay.pending").gauge().value()).isEqualTo(5.0);
    assertThat(metrics.get("journeys.events.relay.lag").gauge().value()).isPositive();

    JsonNode done =
        awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(30));
    assertThat(done.at("/counts/delivered").asInt()).isEqualTo(5);
  }

  @Test
  void anErasedCustomersPendingEventsAreReportedFailedNotDelivered() throws Exception {
    relay.stop();
    sendJson(HttpMethod.PUT, "/v1/customers/erased-1", "{\"email\":\"e@shop.test\"}");
    var response = post(batch("erased-", 2));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

    var erased = http.exchange("/v1/customers/erased-1", HttpMethod.DELETE, null, String.class);
    assertThat(erased.getStatusCode().is2xxSuccessful()).as(erased.getBody()).isTrue();
    relay.start();

    JsonNode done =
        awaitDone(response.getHeaders().getLocation().toString(), Duration.ofSeconds(30));
    assertThat(done.at("/results/1/status").asText()).isEqualTo("failed");
    assertThat(done.at("/results/1/reason").asText()).contains("erased");
    assertThat(done.at("/results/0/status").asText()).isEqualTo("delivered");
    assertThat(probe.eventIds).noneMatch(id -> id.endsWith("/e-erased-1"));
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
    assertThat(count("select count(*) from event_batch_item where event_id like 'inv-%'")).isZero();
    assertThat(probe.calls.get()).isZero();
  }

  @Test
  void aBatchReusingAnIdForAnotherPayloadStoresNothing() throws Exception {
    post(batch("conf-", 2));
    String body =
        "["
            + event("e-conf-new", "conf-new", "cart_abandoned", "59.90")
            + ","
            + event("e-conf-0", "conf-0", "cart_abandoned", "1.00")
            + "]";

    var response = post(body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(count("select count(*) from inbound_event where customer_id = 'conf-new'")).isZero();
  }

  @Test
  void aPermanentRefusalOfOneEventIs422AndFreesTheEventId() throws Exception {
    probe.fail(
        "refused", Status.INVALID_ARGUMENT.withDescription("Blob data size exceeds limit."), 1);

    var refused = post(event("r-1", "refused", "cart_abandoned", "59.90"));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json.readTree(refused.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(422);
    assertThat(problem.at("/errors/0/message").asText()).contains("Blob data size exceeds limit");
    assertThat(count("select count(*) from inbound_event where customer_id = 'refused'")).isZero();
    var corrected = post(event("r-1", "refused", "cart_abandoned", "19.90"));
    assertThat(corrected.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  @Test
  void anEventTooLargeForAJourneyIs400AndStoresNothing() throws Exception {
    var response =
        post(
            """
            [{"eventId":"big-1","customerId":"big","type":"cart_abandoned",
             "occurredAt":"2026-11-23T10:00:00Z","properties":{"note":"%s"}}]"""
                .formatted("x".repeat(100_000)));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).at("/errors/0/message").asText())
        .contains("journeys.events.max-event-size");
    assertThat(count("select count(*) from inbound_event where customer_id = 'big'")).isZero();
    assertThat(probe.calls.get()).isZero();
  }

  @Test
  void anUnknownBatchIsNotFound() {
    var response = post(batch("mine-", 1));
    String location = response.getHeaders().getLocation().toString();

    assertThat(http.getForEntity(location, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(
            http.getForEntity("/v1/events/batches/" + UUID.randomUUID(), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private static double relayed(MeterRegistry registry) {
    return registry
        .get("journeys.events.relay.attempts")
        .tag("outcome", "delivered")
        .counter()
        .count();
  }

  private JsonNode awaitDone(String location, Duration atMost) throws Exception {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> get(location).get("state").asText().equals("done"));
    return get(location);
  }

  private JsonNode get(String location) throws Exception {
    var response = http.getForEntity(location, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  private static HttpHeaders jsonHeaders() {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private ResponseEntity<String> post(String body) {
    return sendJson(HttpMethod.POST, "/v1/events", body);
  }

  /** {@code n} abandoned carts, one per customer {@code <prefix>0..n-1}. */
  private static String batch(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> event("e-" + prefix + i, prefix + i, "cart_abandoned", "59.90"))
        .collect(Collectors.joining(",", "[", "]"));
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
