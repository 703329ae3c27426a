package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The outbox survives the API: a batch accepted by an instance that went away before delivering it
 * is delivered by the next instance started on the same database. Two real API contexts, one after
 * the other, on one PostgreSQL database (each with Temporal's in-memory test server).
 */
class EventRelayRestartTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aNewInstanceDeliversWhatTheOldOneAcceptedAndLeftPending() throws Exception {
    String database = TestDatabase.newDatabase();
    String body =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    """
                    {"eventId":"e-rs-%d","customerId":"rs-%d","type":"cart_abandoned",
                     "occurredAt":"2026-11-23T10:00:00Z","properties":{"cartTotal":"9.90"}}"""
                        .formatted(i, i))
            .collect(Collectors.joining(",", "[", "]"));

    String location;
    // the first instance accepts the batch but never relays it (as if it died right after)
    try (var first = start(database, false)) {
      var accepted = send(first, "POST", "/v1/events", body);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      location = accepted.headers().firstValue("Location").orElseThrow();
      assertThat(json.readTree(accepted.body()).at("/counts/pending").asInt()).isEqualTo(20);
    }

    try (var second = start(database, true)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> status(second, location).get("state").asText().equals("done"));
      JsonNode done = status(second, location);
      assertThat(done.at("/counts/delivered").asInt()).isEqualTo(20);
      assertThat(done.at("/results/19/journeys/0/action").asText()).isEqualTo("started");
    }
  }

  private ConfigurableApplicationContext start(String database, boolean relay) {
    // as command-line arguments: they outrank journeys-api.yml (builder properties would not)
    return new SpringApplicationBuilder(JourneysApiApplication.class)
        .run(
            "--spring.config.name=journeys-api",
            "--server.port=0",
            "--spring.temporal.test-server.enabled=true",
            "--spring.datasource.url=" + database,
            "--spring.datasource.username=postgres",
            "--spring.datasource.password=postgres",
            "--journeys.events.relay.enabled=" + relay,
            "--" + TestApiKeys.PROPERTY,
            "--" + TestSecrets.UNSUBSCRIBE,
            "--" + TestSecrets.SMS);
  }

  private JsonNode status(ConfigurableApplicationContext api, String location) throws Exception {
    var response = send(api, "GET", location, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(
      ConfigurableApplicationContext api, String method, String path, String body)
      throws Exception {
    int port = ((WebServerApplicationContext) api).getWebServer().getPort();
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + TestApiKeys.ADMIN_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
