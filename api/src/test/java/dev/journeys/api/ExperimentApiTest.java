package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journeys.experiment.ExperimentActivities;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Deciding an experiment over HTTP, and what journeys then read, on real PostgreSQL. */
class ExperimentApiTest extends ApiTestSupport {

  @Autowired ExperimentActivities journeysRead;

  @Test
  void recordsTheDecisionAndJourneysReadTheWinner() throws Exception {
    assertThat(journeysRead.decision("cart-last-call-channel").isDecided()).isFalse();
    assertThat(
            http.getForEntity("/v1/experiments/cart-last-call-channel/decision", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);

    var decided =
        post(
            "/v1/experiments/cart-last-call-channel/decision",
            "{\"winner\":\"email\",\"reason\":\"email converts 12% better\"}");

    assertThat(decided.getStatusCode().value()).isEqualTo(200);
    var body = json.readTree(decided.getBody());
    assertThat(body.get("winner").asText()).isEqualTo("email");
    assertThat(body.get("decidedBy").asText()).isEqualTo("key:admin");
    var read = journeysRead.decision("cart-last-call-channel");
    assertThat(read.winner()).isEqualTo("email");
    assertThat(read.reason()).isEqualTo("email converts 12% better");

    post("/v1/experiments/cart-last-call-channel/decision", "{\"winner\":\"sms\"}");
    assertThat(journeysRead.decision("cart-last-call-channel").winner()).isEqualTo("sms");
  }

  @Test
  void rejectsAMissingWinnerTheHoldOutAndABadName() {
    assertThat(post("/v1/experiments/x/decision", "{}").getStatusCode().value()).isEqualTo(400);
    assertThat(
            post("/v1/experiments/x/decision", "{\"winner\":\"holdout\"}").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            post("/v1/experiments/Bad Name/decision", "{\"winner\":\"a\"}").getStatusCode().value())
        .isEqualTo(400);
  }

  @Test
  void showsTheArmsLiftOverTheHoldOutTheRuleAndTheDecision() throws Exception {
    assertThat(
            http.getForEntity("/v1/experiments/subject-line", String.class).getStatusCode().value())
        .isEqualTo(404);
    for (int i = 0; i < 100; i++) {
      outcome("short", "s-" + i, i < 20);
      outcome("long", "l-" + i, i < 10);
      outcome("holdout", "h-" + i, i < 5);
    }

    var view =
        json.readTree(http.getForEntity("/v1/experiments/subject-line", String.class).getBody());

    assertThat(view.hasNonNull("decision")).isFalse();
    assertThat(view.get("holdout").get("enrolled").asLong()).isEqualTo(100);
    assertThat(view.get("rule").get("rule").asText()).isEqualTo("mSPRT");
    assertThat(view.get("rule").get("waitingFor").asText()).contains("minimum sample");
    var lifts = view.get("lifts");
    assertThat(lifts.get(1).get("arm").asText()).isEqualTo("short");
    // 20% vs 5%: 15 points, interval 15 ± 1.96·sqrt(.2·.8/100 + .05·.95/100)
    assertThat(lifts.get(1).get("absolute").asDouble()).isCloseTo(0.15, within(1e-9));
    assertThat(lifts.get(1).get("low").asDouble()).isCloseTo(0.0607, within(1e-3));
    assertThat(lifts.get(1).get("high").asDouble()).isCloseTo(0.2393, within(1e-3));

    post("/v1/experiments/subject-line/decision", "{\"winner\":\"short\",\"reason\":\"brand\"}");
    view = json.readTree(http.getForEntity("/v1/experiments/subject-line", String.class).getBody());
    assertThat(view.get("decision").get("decidedBy").asText()).isEqualTo("key:admin");
    assertThat(view.hasNonNull("decisionStatistics")).isFalse();
  }

  private void outcome(String arm, String enrollment, boolean converted) {
    journeysRead.recordOutcome(
        new dev.journeys.experiment.ExperimentOutcome(
            "subject-line",
            arm,
            enrollment,
            converted
                ? dev.journeys.journey.JourneyOutcome.CONVERTED
                : dev.journeys.journey.JourneyOutcome.COMPLETED));
  }

  private ResponseEntity<String> post(String path, String body) {
    return sendJson(HttpMethod.POST, path, body);
  }
}
