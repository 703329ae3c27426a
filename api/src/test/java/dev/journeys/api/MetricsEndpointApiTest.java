package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * {@code /actuator/prometheus} of the API: the event ingest rate by type and status, and the lag
 * from an event's {@code occurredAt} to its signal accepted by Temporal, by journey and action.
 */
// tests run without metrics exporters unless asked: this one is about the Prometheus one
@AutoConfigureObservability
class MetricsEndpointApiTest extends ApiTestSupport {

  @Test
  void servesIngestCountsAndSignalLagAfterEvents() {
    Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
    post("e-m1", "cart_abandoned", tenMinutesAgo);
    post("e-m1", "cart_abandoned", tenMinutesAgo);
    post("e-m2", "order_placed", Instant.now());

    var scrape = http.getForEntity("/actuator/prometheus", String.class);

    assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(series(scrape.getBody(), "journeys_events_ingested_total"))
        .anySatisfy(s -> assertThat(s).contains("status=\"accepted\"", "type=\"cart_abandoned\""))
        .anySatisfy(s -> assertThat(s).contains("status=\"duplicate\"", "type=\"cart_abandoned\""));
    var lagSum =
        series(scrape.getBody(), "journeys_events_signal_lag_seconds_sum").stream()
            .filter(
                s ->
                    s.contains("action=\"signal-with-start\"")
                        && s.contains("journey=\"abandoned-cart\"")
                        && s.contains("type=\"cart_abandoned\""))
            .findFirst()
            .orElseThrow();
    assertThat(Double.parseDouble(lagSum.substring(lagSum.lastIndexOf(' ') + 1)))
        .isBetween(600.0, 900.0);
    assertThat(series(scrape.getBody(), "journeys_events_signal_lag_seconds_count"))
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains("action=\"signal\"", "journey=\"abandoned-cart\"", "order_placed"));
  }

  private void post(String eventId, String type, Instant occurredAt) {
    var response =
        sendJson(
            HttpMethod.POST,
            "/v1/events",
            """
            {"eventId": "%s", "customerId": "mo", "type": "%s", "occurredAt": "%s",
             "properties": {"orderId": "o-1"}}"""
                .formatted(eventId, type, occurredAt));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
  }

  private static List<String> series(String scrape, String name) {
    return scrape.lines().filter(l -> l.startsWith(name)).toList();
  }
}
