package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.catalog.JourneyCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The funnel page as a marketer opens it: three cart journeys run on the real stack (one converts
 * before any message, one converts after the reminder, one gets both messages and completes), then
 * a headless Chromium opens {@code /v1/journeys/abandoned-cart/funnel.html} with an operator key
 * and reads the rendered chart and table, which must agree with the funnel over the API. Skipped
 * when no Chromium is installed ({@code apt-get install chromium}, or set {@code CHROMIUM}).
 */
class FunnelPageEndToEndTest {

  private static final Duration REMINDER_DELAY = Duration.ofSeconds(2);
  private static final Duration LAST_CALL_DELAY = Duration.ofSeconds(10);
  private static final String JOURNEY = "abandoned-cart";

  /** The chart's bars, the table's rows and the page's text, as the browser laid them out. */
  private static final String RENDERED =
      """
      JSON.stringify({
        text: document.body ? document.body.innerText : '',
        chart: (() => {
          const svg = document.getElementById('funnel-chart');
          if (!svg) return null;
          const box = svg.getBoundingClientRect();
          return {width: box.width, height: box.height};
        })(),
        bars: [...document.querySelectorAll('#funnel-chart rect.bar')].map(r => ({
          label: r.querySelector('title').textContent,
          width: r.getBBox().width
        })),
        rows: [...document.querySelectorAll('table tr')]
          .map(tr => [...tr.children].map(cell => cell.innerText))
      })""";

  private static Path chromium;
  private static RunningStack stack;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheSystem() {
    chromium = HeadlessChromium.locate().orElse(null);
    if (chromium == null) {
      return; // the test skips, and says why in the reports (see needsChromium)
    }
    stack =
        RunningStack.start(
            api -> {},
            (worker, apiUrl) -> {
              worker.put("journeys.abandoned-cart.reminder-delay", REMINDER_DELAY.toString());
              worker.put("journeys.abandoned-cart.last-call-delay", LAST_CALL_DELAY.toString());
              worker.put("journeys.abandoned-cart.attribution-window", "PT2S");
              worker.put("journeys.abandoned-cart.email-last-call-weight", "0");
              worker.put("journeys.abandoned-cart.holdout-percent", "0");
            });
  }

  @BeforeEach
  void needsChromium() {
    Assumptions.assumeTrue(
        chromium != null,
        "no Chromium on the PATH (apt-get install chromium, or set CHROMIUM): the funnel page"
            + " test needs a headless browser");
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void theFunnelPageDrawsTheChartAndTheNumbersOfTheJourneysThatRan() throws Exception {
    // ann orders before the reminder: converted, nothing sent, nothing attributed
    stack.putCustomer("ann", "ann@shop.test", "+15550000001");
    assertThat(stack.postEvent("funnel-ann-cart", "ann", "cart_abandoned").statusCode())
        .isEqualTo(202);
    assertThat(stack.postEvent("funnel-ann-order", "ann", "order_placed").statusCode())
        .isEqualTo(202);
    // ben gets the reminder and the last call, and never orders: completed
    stack.putCustomer("ben", "ben@shop.test", "+15550000002");
    assertThat(stack.postEvent("funnel-ben-cart", "ben", "cart_abandoned").statusCode())
        .isEqualTo(202);
    // cleo orders after the reminder: converted, attributed to the reminder
    stack.putCustomer("cleo", "cleo@shop.test", "+15550000003");
    assertThat(stack.postEvent("funnel-cleo-cart", "cleo", "cart_abandoned").statusCode())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stack.ledgerRows("cleo", "cart-reminder"), sent -> sent == 1);
    assertThat(stack.postEvent("funnel-cleo-order", "cleo", "order_placed").statusCode())
        .isEqualTo(202);
    for (String customer : List.of("ann", "ben", "cleo")) {
      stack.awaitCompleted(journeyId(customer), Duration.ofSeconds(90));
    }

    // the funnel over the API, once the ends are recorded: what the page must show
    JsonNode funnel =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> json.readTree(stack.get("/v1/journeys/" + JOURNEY + "/funnel").body()),
                f -> allEnrollments(f).path("running").asLong(-1) == 0);
    JsonNode all = allEnrollments(funnel);
    assertThat(all.path("entered").asLong()).as(funnel.toString()).isEqualTo(3);
    assertThat(all.path("converted").asLong()).as(funnel.toString()).isEqualTo(2);
    assertThat(all.path("attributed").asLong()).as(funnel.toString()).isEqualTo(1);
    assertThat(all.path("completed").asLong()).as(funnel.toString()).isEqualTo(1);

    var page = stack.apiUrl().resolve("/v1/journeys/" + JOURNEY + "/funnel.html");
    String rendered;
    byte[] screenshot;
    try (var browser = HeadlessChromium.start(chromium)) {
      rendered =
          browser.evaluate(
              page,
              Map.of("Authorization", "Bearer " + RunningStack.ADMIN_KEY),
              RENDERED,
              r -> r.contains("Funnel: " + JOURNEY) && r.contains("\"bars\":[{"),
              Duration.ofSeconds(60));
      screenshot = browser.screenshot();
    }
    // what the browser read and showed, for whoever looks into a failure
    Files.writeString(Path.of("target", "funnel-page.json"), rendered);
    Files.write(Path.of("target", "funnel-page.png"), screenshot);
    JsonNode view = json.readTree(rendered);

    assertThat(view.path("text").asText()).as(rendered).contains("Funnel: " + JOURNEY);
    // the chart is drawn: the browser laid out an SVG of real size, one bar per count
    assertThat(view.path("chart").path("width").asDouble()).as(rendered).isGreaterThan(100);
    assertThat(view.path("chart").path("height").asDouble()).as(rendered).isGreaterThan(100);
    Map<String, Double> bars = barsOfTheFirstGroup(view);
    assertThat(bars).containsEntry("entered: 3", 480.0).containsEntry("converted: 2", 320.0);
    assertThat(bars).containsEntry("converted, attributed: 1", 160.0);
    assertThat(bars).containsEntry("cart-reminder (sent): 2", 320.0);
    assertThat(bars).containsEntry("cart-last-call (sent): 1", 160.0);

    // the table holds the API's numbers, one row per version and arm
    var rows = new ArrayList<List<String>>();
    view.path("rows").forEach(r -> rows.add(json.convertValue(r, List.class)));
    assertThat(rows.getFirst()).startsWith("version / arm", "entered", "running", "converted");
    var expected = new ArrayList<List<String>>();
    for (JsonNode g : funnel.path("groups")) {
      expected.add(
          List.of(
              "version "
                  + g.path("version").asInt()
                  + (!g.hasNonNull("experiment")
                      ? ": all enrollments"
                      : ": " + g.path("experiment").asText() + " = " + g.path("arm").asText()),
              g.path("entered").asText(),
              g.path("running").asText(),
              g.path("converted").asText(),
              g.path("attributed").asText(),
              g.path("exited").asText(),
              g.path("completed").asText(),
              g.path("cancelled").asText(),
              String.format(
                  java.util.Locale.ROOT,
                  "%.2f%%",
                  100.0 * g.path("converted").asLong() / g.path("entered").asLong())));
    }
    assertThat(rows.subList(1, rows.size())).as(rendered).isEqualTo(expected);
    assertThat(rows.get(1)).startsWith(expected.getFirst().getFirst(), "3", "0", "2", "1");
  }

  private static String journeyId(String customer) {
    return JourneyCatalog.ABANDONED_CART.workflowId(customer);
  }

  /** The API's first group of all enrollments (no experiment: the API leaves out nulls). */
  private static JsonNode allEnrollments(JsonNode funnel) {
    for (JsonNode g : funnel.path("groups")) {
      if (!g.hasNonNull("experiment")) {
        return g;
      }
    }
    return funnel.path("missing");
  }

  /** The first block of bars (all enrollments of the first version): label with count → width. */
  private static Map<String, Double> barsOfTheFirstGroup(JsonNode view) {
    var bars = new java.util.LinkedHashMap<String, Double>();
    for (JsonNode bar : view.path("bars")) {
      String label = bar.path("label").asText();
      if (bars.containsKey(label) || (label.startsWith("entered") && !bars.isEmpty())) {
        break;
      }
      bars.put(label, bar.path("width").asDouble());
    }
    return bars;
  }
}
