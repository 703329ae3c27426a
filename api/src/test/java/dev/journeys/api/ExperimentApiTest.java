package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

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

  private ResponseEntity<String> post(String path, String body) {
    return sendJson(HttpMethod.POST, path, body);
  }
}
