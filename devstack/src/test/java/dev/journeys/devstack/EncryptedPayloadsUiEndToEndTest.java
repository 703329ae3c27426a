package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.codec.AesGcmPayloadCodec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Encrypted payloads, readable in the Temporal UI: the dev server's UI is pointed at the API's
 * codec-only listener ({@code --ui-codec-endpoint}), and a headless Chromium on the UI's page of a
 * journey sees the journey's input decoded, while the history Temporal keeps (read over gRPC) is
 * ciphertext. Skipped when no Chromium is installed.
 */
class EncryptedPayloadsUiEndToEndTest {

  /** 32 bytes, base64: a test key, never used anywhere else. */
  private static final String CODEC_KEY = "ZTJlLWNvZGVjLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=";

  /** Only in the event's payload: if the page shows it, the UI decoded the payload. */
  private static final String CART = "cart-ada-7f3c9";

  private static Path chromium;
  private static RunningStack stack;

  @BeforeAll
  static void startTheSystem() {
    chromium = HeadlessChromium.locate().orElse(null);
    Assumptions.assumeTrue(
        chromium != null,
        "no Chromium on the PATH (apt-get install chromium, or set CHROMIUM): the Temporal UI"
            + " test needs a headless browser");
    stack =
        RunningStack.startEncrypted(
            CODEC_KEY,
            api -> {},
            (worker, apiUrl) -> {
              worker.put("journeys.abandoned-cart.reminder-delay", "PT10M");
              worker.put("journeys.abandoned-cart.holdout-percent", "0");
            });
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theUiShowsTheDecodedInputWhileTemporalHoldsCiphertext() throws Exception {
    stack.putCustomer("ada", "ada@shop.test", null);
    var accepted =
        stack.post(
            "/v1/events",
            """
            {"eventId":"e2e-codec-cart","customerId":"ada","type":"cart_abandoned",
             "occurredAt":"2026-11-23T10:00:00Z",
             "properties":{"cartId":"%s","cartTotal":"59.90","currency":"EUR"}}"""
                .formatted(CART));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String workflowId = JourneyCatalog.ABANDONED_CART.workflowId("ada");
    // the journey ran its first activities: their results are in the history too
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> stack.temporalClient().fetchHistory(workflowId).getHistory().getEventsCount(),
            count -> count > 5);

    // what Temporal stores: every payload of the history encrypted, the cart nowhere in clear
    var history = stack.temporalClient().fetchHistory(workflowId).getHistory();
    Payload input =
        history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertThat(AesGcmPayloadCodec.isEncrypted(input)).isTrue();
    for (HistoryEvent event : history.getEventsList()) {
      assertThat(event.toByteString().toStringUtf8()).doesNotContain(CART, "ada@shop.test");
    }

    String runId =
        stack
            .temporalClient()
            .newUntypedWorkflowStub(workflowId)
            .describe()
            .getExecution()
            .getRunId();
    URI page =
        stack
            .temporalUi()
            .resolve(
                "/namespaces/"
                    + stack.temporalNamespace()
                    + "/workflows/"
                    + URLEncoder.encode(workflowId, StandardCharsets.UTF_8)
                    + "/"
                    + runId
                    + "/history");
    String text;
    try (var browser = HeadlessChromium.start(chromium)) {
      text = browser.textOf(page, t -> t.contains(CART), Duration.ofSeconds(90));
      if (!text.contains(CART)) {
        Files.write(Path.of("target", "temporal-ui-encrypted.png"), browser.screenshot());
      }
    }
    Files.writeString(Path.of("target", "temporal-ui-encrypted-history.txt"), text);
    assertThat(text).as("the Temporal UI's page " + page + ", decoded by the codec").contains(CART);
  }

  @Test
  void theCodecListenerServesNothingElseAndOnlyTheUisOrigin() throws Exception {
    var http = HttpClient.newHttpClient();
    URI listener = stack.codecListenerUrl();
    for (String path : new String[] {"/v1/customers/ada", "/actuator/health", "/v3/api-docs"}) {
      var response =
          http.send(
              HttpRequest.newBuilder(listener.resolve(path))
                  .header("Authorization", "Bearer " + RunningStack.ADMIN_KEY)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET %s on the codec listener", path).isEqualTo(404);
    }
    assertThat(preflight(http, listener, stack.temporalUi().toString().replaceAll("/$", "")))
        .isEqualTo(200);
    assertThat(preflight(http, listener, "http://evil.test")).isEqualTo(403);
  }

  private static int preflight(HttpClient http, URI listener, String origin) throws Exception {
    return http.send(
            HttpRequest.newBuilder(listener.resolve("/codec/decode"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
