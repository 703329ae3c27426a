package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyState;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What ops see in the real Temporal UI of the dev server, read by a headless Chromium: a cart
 * journey's page shows its summary (journey, customer, trigger), its timers named by step and its
 * sends named by message and channel. Skipped when no Chromium is installed ({@code apt-get install
 * chromium}, or set {@code CHROMIUM} to a binary).
 */
class TemporalUiEndToEndTest {

  private static final Duration REMINDER_DELAY = Duration.ofSeconds(2);
  private static final Duration LAST_CALL_DELAY = Duration.ofMinutes(10);

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
        RunningStack.start(
            api -> {},
            (worker, apiUrl) -> {
              worker.put("journeys.abandoned-cart.reminder-delay", REMINDER_DELAY.toString());
              worker.put("journeys.abandoned-cart.last-call-delay", LAST_CALL_DELAY.toString());
              worker.put("journeys.abandoned-cart.email-last-call-weight", "0");
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
  void aJourneysPageTellsItsStoryInStepsAndMessages() throws Exception {
    stack.putCustomer("ada", "ada@shop.test", "+15551234567");
    assertThat(stack.postEvent("e2e-ui-cart", "ada", "cart_abandoned").statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stack.mailTo("ada@shop.test"), mails -> !mails.isEmpty());
    String workflowId = JourneyCatalog.ABANDONED_CART.workflowId("ada");
    // the reminder is out: the journey now waits for the last call
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                stack
                    .temporalClient()
                    .newUntypedWorkflowStub(workflowId)
                    .query(CustomerJourney.STATE_QUERY, JourneyState.class)
                    .waitingFor(),
            "timer"::equals);
    String runId =
        stack
            .temporalClient()
            .newUntypedWorkflowStub(workflowId)
            .describe()
            .getExecution()
            .getRunId();
    String run =
        "/namespaces/"
            + stack.temporalNamespace()
            + "/workflows/"
            + URLEncoder.encode(workflowId, StandardCharsets.UTF_8)
            + "/"
            + runId;
    URI history = stack.temporalUi().resolve(run + "/history");
    URI metadata = stack.temporalUi().resolve(run + "/user-metadata");
    var expected =
        List.of(
            "abandoned-cart for customer ada, triggered by cart_abandoned",
            "wait-for-order 2s",
            "send cart-reminder by EMAIL",
            "wait-after-reminder 10m");

    // the support note: the router's summary, the journey's current details
    var note =
        List.of(
            "abandoned-cart for customer ada, triggered by cart_abandoned",
            "Step: wait-after-reminder, waiting for timer, next wake-up",
            "cart-reminder by EMAIL at cart-reminder: sent");

    String historyText;
    String metadataText;
    try (var browser = HeadlessChromium.start(chromium)) {
      historyText =
          browser.textOf(
              history, t -> expected.stream().allMatch(t::contains), Duration.ofSeconds(90));
      metadataText =
          browser.textOf(
              metadata, t -> note.stream().allMatch(t::contains), Duration.ofSeconds(60));
    }

    // what the browser read, for whoever looks into a failure
    Files.writeString(Path.of("target", "temporal-ui-cart-history.txt"), historyText);
    Files.writeString(Path.of("target", "temporal-ui-cart-user-metadata.txt"), metadataText);
    assertThat(historyText).as("the Temporal UI's page " + history).contains(expected);
    assertThat(metadataText).as("the Temporal UI's page " + metadata).contains(note);
  }
}
