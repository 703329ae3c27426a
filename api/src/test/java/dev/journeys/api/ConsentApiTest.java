package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class ConsentApiTest extends ApiTestSupport {

  @Test
  void patchesConsentsPerChannelAndTopicAndKeepsTheHistoryWithItsSource() throws Exception {
    createCustomer("ada");

    var patched =
        sendJson(
            HttpMethod.PATCH,
            "/v1/customers/ada/consents",
            "[{\"channel\":\"SMS\",\"topic\":\"MARKETING\",\"status\":\"DENIED\"},"
                + "{\"channel\":\"EMAIL\",\"topic\":\"REVIEWS\",\"status\":\"GRANTED\"}]");

    assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode consents = json.readTree(patched.getBody());
    assertThat(status(consents, "SMS", "MARKETING")).isEqualTo("DENIED");
    assertThat(status(consents, "EMAIL", "MARKETING")).isEqualTo("GRANTED");
    assertThat(status(consents, "EMAIL", "REVIEWS")).isEqualTo("GRANTED");
    JsonNode history =
        json.readTree(http.getForObject("/v1/customers/ada/consents/history", String.class));
    assertThat(history.findValuesAsText("source")).contains("key:admin");
    assertThat(history).hasSize(4);
    assertThat(history)
        .extracting(
            h ->
                h.get("channel").asText()
                    + "/"
                    + h.get("topic").asText()
                    + "="
                    + h.get("status").asText()
                    + " by "
                    + h.get("source").asText())
        .containsSubsequence(
            "SMS/MARKETING=GRANTED by key:admin", "SMS/MARKETING=DENIED by key:admin")
        .contains("EMAIL/REVIEWS=GRANTED by key:admin");
    assertThat(history.get(0).get("changedAt").asText()).isNotBlank();
  }

  @Test
  void optsOutOfAWholeChannelOrOfEverything() throws Exception {
    createCustomer("bob");

    var sms =
        sendJson(HttpMethod.PUT, "/v1/customers/bob/consents/sms/all", "{\"status\":\"DENIED\"}");
    assertThat(sms.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode afterSms = json.readTree(sms.getBody());
    assertThat(status(afterSms, "SMS", "TRANSACTIONAL")).isEqualTo("DENIED");
    assertThat(status(afterSms, "SMS", "BACK_IN_STOCK")).isEqualTo("DENIED");
    assertThat(status(afterSms, "EMAIL", "MARKETING")).isEqualTo("GRANTED");

    var everything =
        sendJson(
            HttpMethod.PATCH,
            "/v1/customers/bob/consents?source=preference-center",
            "[{\"status\":\"DENIED\"}]");
    assertThat(json.readTree(everything.getBody()).findValuesAsText("status"))
        .containsOnly("DENIED");
    JsonNode history =
        json.readTree(http.getForObject("/v1/customers/bob/consents/history", String.class));
    assertThat(history.findValuesAsText("source")).contains("key:admin/preference-center");
    assertThat(
            sendJson(
                    HttpMethod.PATCH,
                    "/v1/customers/bob/consents?source=Not%20Valid",
                    "[{\"status\":\"DENIED\"}]")
                .getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void rejectsUnknownChannelsTopicsAndStatusesAndChangesNothing() throws Exception {
    createCustomer("cy");

    var response =
        sendJson(
            HttpMethod.PATCH,
            "/v1/customers/cy/consents",
            "[{\"channel\":\"EMAIL\",\"topic\":\"MARKETING\",\"status\":\"DENIED\"},"
                + "{\"channel\":\"PIGEON\",\"topic\":\"GOSSIP\",\"status\":\"MAYBE\"}]");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(json.readTree(response.getBody()).at("/errors").findValuesAsText("field"))
        .containsExactly("[1].channel", "[1].topic", "[1].status");
    JsonNode profile = json.readTree(http.getForObject("/v1/customers/cy", String.class));
    assertThat(status(profile.get("consents"), "EMAIL", "MARKETING")).isEqualTo("GRANTED");
  }

  @Test
  void answers404ForAnUnknownCustomer() {
    var response =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/nobody/consents/EMAIL/MARKETING",
            "{\"status\":\"DENIED\"}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            http.getForEntity("/v1/customers/nobody/consents/history", String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void storesTheRegionOfACustomerAndValidatesIt() throws Exception {
    var ok =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/flo",
            "{\"phone\":\"+15551230000\",\"region\":\"US-FL\"}");
    var bad = sendJson(HttpMethod.PUT, "/v1/customers/flo", "{\"region\":\"Florida\"}");

    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(ok.getBody()).get("region").asText()).isEqualTo("US-FL");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private void createCustomer(String id) {
    var response =
        sendJson(
            HttpMethod.PUT,
            "/v1/customers/" + id,
            """
            {"email":"%s@shop.test","phone":"+15551234567","timeZone":"Europe/Berlin",
             "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                         {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
                .formatted(id));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private static String status(JsonNode consents, String channel, String topic) {
    for (JsonNode c : consents) {
      if (c.get("channel").asText().equals(channel) && c.get("topic").asText().equals(topic)) {
        return c.get("status").asText();
      }
    }
    return null;
  }
}
