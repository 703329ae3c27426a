package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.JourneysApiApplication;
import dev.journeys.worker.JourneysWorkerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "Why did I not get this?" for a customer in the abandoned cart's hold-out group, as support asks
 * it: over the API's message timeline. The whole system runs (Temporal dev server, PostgreSQL, SMTP
 * and SMS sinks, worker, API) with everyone held out and short waits.
 */
class HoldoutEndToEndTest {

  private static LocalPostgres postgres;
  private static TemporalDevServer temporal;
  private static MailSink mail;
  private static SmsSink sms;
  private static ConfigurableApplicationContext worker;
  private static ConfigurableApplicationContext api;
  private static URI apiUrl;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheSystem() {
    postgres = LocalPostgres.startOnFreePort();
    temporal = TemporalDevServer.startOnFreePorts(Path.of("target"));
    mail = MailSink.startOnFreePort();
    sms = SmsSink.startOnFreePort();
    var stack = StackProperties.of(postgres, temporal, mail, sms);

    var workerProperties = stack.forWorker();
    workerProperties.put("journeys.abandoned-cart.reminder-delay", "PT2S");
    workerProperties.put("journeys.abandoned-cart.last-call-delay", "PT2S");
    workerProperties.put("journeys.abandoned-cart.attribution-window", "PT2S");
    workerProperties.put("journeys.abandoned-cart.holdout-percent", "100");
    worker =
        JourneysWorkerApplication.builder().run(StackProperties.asCommandLine(workerProperties));
    var apiProperties = stack.forApi();
    apiProperties.put(StackProperties.ADMIN_API_KEY, RunningStack.ADMIN_KEY);
    api = JourneysApiApplication.builder().run(StackProperties.asCommandLine(apiProperties));
    apiUrl =
        URI.create("http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stopTheSystem() {
    for (AutoCloseable part : Arrays.asList(api, worker, sms, mail, temporal, postgres)) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        System.err.println("could not stop " + part + ": " + e);
      }
    }
  }

  @Test
  void theTimelineShowsEachCartMessageSuppressedForTheHoldOutAndNothingIsSent() throws Exception {
    var profile =
        send(
            HttpRequest.newBuilder(apiUrl.resolve("/v1/customers/hal"))
                .PUT(
                    body(
                        """
                        {"email":"hal@shop.test","phone":"+15551230009","timeZone":"Europe/Berlin",
                         "locale":"en","firstName":"Hal",
                         "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                                     {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}""")));
    assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);

    var accepted =
        send(
            HttpRequest.newBuilder(apiUrl.resolve("/v1/events"))
                .POST(
                    body(
                        """
                        {"eventId":"e2e-hal-cart","customerId":"hal","type":"cart_abandoned",
                         "occurredAt":"2026-11-23T10:00:00Z","properties":{"cartTotal":"59.90"}}""")));
    assertThat(accepted.statusCode()).isEqualTo(202);

    JsonNode timeline =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    json.readTree(
                        send(HttpRequest.newBuilder(apiUrl.resolve("/v1/customers/hal/messages"))
                                .GET())
                            .body()),
                t -> t.size() == 2);
    assertThat(timeline.findValuesAsText("messageKey"))
        .containsExactlyInAnyOrder("cart-reminder", "cart-last-call");
    assertThat(timeline.findValuesAsText("status")).containsOnly("SUPPRESSED");
    assertThat(timeline.findValuesAsText("reason")).containsOnly("holdout");
    assertThat(mail.receivedMessages()).isEmpty();
    assertThat(sms.receivedMessages()).isEmpty();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + RunningStack.ADMIN_KEY)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher body(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }
}
