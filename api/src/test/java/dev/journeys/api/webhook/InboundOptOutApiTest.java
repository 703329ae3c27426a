package dev.journeys.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.TestApiKeys;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.TestDatabase;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/** Opt-outs that arrive from the channels: an SMS STOP reply and a one-click unsubscribe. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      "journeys.webhooks.sms.auth-token=test-auth-token-0123456789",
      "journeys.unsubscribe.secret=test-unsubscribe-secret-0123456789",
      "journeys.unsubscribe.base-url=https://journeys.shop.test"
    })
class InboundOptOutApiTest {

  private static final String TOKEN = "test-auth-token-0123456789";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;

  @BeforeEach
  void sendTheAdminKey() {
    TestApiKeys.authorize(http);
  }

  @Autowired ObjectMapper json;
  @Autowired UnsubscribeLinks links;
  @LocalServerPort int port;

  @Test
  void anSmsStopFromTheCustomersNumberDeniesEverySmsTopic() throws Exception {
    createCustomer("ada", "+15551230001");

    var response =
        inboundSms(Map.of("From", "+15551230001", "To", "+15550000000", "Body", " Stop "), true);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_XML))
        .isTrue();
    JsonNode consents =
        json.readTree(http.getForObject("/v1/customers/ada", String.class)).get("consents");
    for (JsonNode c : consents) {
      if (c.get("channel").asText().equals("SMS")) {
        assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("DENIED");
        assertThat(c.get("source").asText()).isEqualTo("sms-keyword");
      } else {
        assertThat(c.get("status").asText()).isEqualTo("GRANTED");
      }
    }
    JsonNode history =
        json.readTree(http.getForObject("/v1/customers/ada/consents/history", String.class));
    assertThat(history.findValuesAsText("source")).contains("sms-keyword");
  }

  @Test
  void anSmsStartGivesBackOnlyWhatTheStopTookAway() throws Exception {
    // SMS transactional and marketing granted; back-in-stock explicitly denied; the rest never set
    createCustomer("cleo", "+15551230003");
    putConsent("cleo", "SMS", "TRANSACTIONAL", "GRANTED");
    putConsent("cleo", "SMS", "BACK_IN_STOCK", "DENIED");
    putConsent("cleo", "SMS", "MARKETING", "DENIED"); // she withdrew it herself, before the STOP

    inboundSms(Map.of("From", "+15551230003", "Body", "STOP"), true);
    inboundSms(Map.of("From", "+15551230003", "Body", "stop"), true);
    assertThat(status("cleo", "SMS", "TRANSACTIONAL")).isEqualTo("DENIED");
    var start = inboundSms(Map.of("From", "+15551230003", "Body", "START"), true);

    assertThat(start.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(status("cleo", "SMS", "TRANSACTIONAL")).isEqualTo("GRANTED");
    assertThat(status("cleo", "SMS", "MARKETING")).isEqualTo("DENIED");
    assertThat(status("cleo", "SMS", "BACK_IN_STOCK")).isEqualTo("DENIED");
    assertThat(status("cleo", "SMS", "REVIEWS")).isNotEqualTo("GRANTED");
    assertThat(status("cleo", "EMAIL", "MARKETING")).isEqualTo("GRANTED");
  }

  @Test
  void aCapturedStopReplayedAfterAStartChangesNothing() throws Exception {
    createCustomer("dora", "+15551230004");
    var stop = Map.of("From", "+15551230004", "Body", "STOP", "MessageSid", "SM-stop-1");

    inboundSms(stop, true);
    inboundSms(Map.of("From", "+15551230004", "Body", "START", "MessageSid", "SM-start-1"), true);
    assertThat(status("dora", "SMS", "MARKETING")).isEqualTo("GRANTED");
    String historyBefore = http.getForObject("/v1/customers/dora/consents/history", String.class);
    var replay = inboundSms(stop, true);

    assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(status("dora", "SMS", "MARKETING")).isEqualTo("GRANTED");
    assertThat(http.getForObject("/v1/customers/dora/consents/history", String.class))
        .isEqualTo(historyBefore);
  }

  private void putConsent(String customer, String channel, String topic, String status) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response =
        http.exchange(
            "/v1/customers/" + customer + "/consents/" + channel + "/" + topic,
            HttpMethod.PUT,
            new HttpEntity<>("{\"status\":\"" + status + "\"}", headers),
            String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void refusesAnUnsignedOrForgedWebhookAndChangesNothing() throws Exception {
    createCustomer("bob", "+15551230002");

    var forged = inboundSms(Map.of("From", "+15551230002", "Body", "STOP"), false);

    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode consents =
        json.readTree(http.getForObject("/v1/customers/bob", String.class)).get("consents");
    assertThat(consents.findValuesAsText("status")).containsOnly("GRANTED");
  }

  @Test
  void aOneClickUnsubscribeOptsOutOfMarketingEmailOnlyAndAGetChangesNothing() throws Exception {
    createCustomer("cy", "+15551230003");
    String link = links.linkFor("cy", Channel.EMAIL, Topic.MARKETING).orElseThrow();
    assertThat(link).startsWith("https://journeys.shop.test/v1/unsubscribe?token=");
    String path = URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();

    var page = http.getForEntity(URI.create("http://127.0.0.1:" + port + path), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody())
        .contains("<form method=\"post\"")
        .contains("marketing messages by email");
    assertThat(status("cy", "EMAIL", "MARKETING")).isEqualTo("GRANTED");

    // what a mailbox provider sends for List-Unsubscribe-Post: List-Unsubscribe=One-Click
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    var form = new LinkedMultiValueMap<String, String>();
    form.add("List-Unsubscribe", "One-Click");
    var done =
        http.exchange(
            URI.create("http://127.0.0.1:" + port + path),
            HttpMethod.POST,
            new HttpEntity<>(form, headers),
            String.class);

    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(status("cy", "EMAIL", "MARKETING")).isEqualTo("DENIED");
    assertThat(status("cy", "SMS", "MARKETING")).isEqualTo("GRANTED");
  }

  @Test
  void aTamperedUnsubscribeTokenIsRefused() {
    createCustomer("dee", "+15551230004");
    String link = links.linkFor("dee", Channel.EMAIL, Topic.MARKETING).orElseThrow();
    String token = link.substring(link.indexOf("token=") + 6);
    String forged =
        token.substring(0, token.indexOf('.') + 1)
            + "AAAA"
            + token.substring(token.indexOf('.') + 5);

    var response = http.postForEntity("/v1/unsubscribe?token=" + forged, null, String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  private ResponseEntity<String> inboundSms(Map<String, String> params, boolean signed) {
    var form = new LinkedMultiValueMap<String, String>();
    params.forEach(form::add);
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    String url = "http://localhost:" + port + "/v1/webhooks/sms/inbound";
    String signature =
        TwilioSignature.sign(
            signed ? TOKEN : "not-the-token",
            url,
            params.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> List.of(e.getValue()))));
    headers.add("X-Twilio-Signature", signature);
    return http.exchange(
        URI.create(url), HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  private String status(String customer, String channel, String topic) throws Exception {
    JsonNode consents =
        json.readTree(http.getForObject("/v1/customers/" + customer, String.class)).get("consents");
    for (JsonNode c : consents) {
      if (c.get("channel").asText().equals(channel) && c.get("topic").asText().equals(topic)) {
        return c.get("status").asText();
      }
    }
    return null;
  }

  private void createCustomer(String id, String phone) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response =
        http.exchange(
            "/v1/customers/" + id,
            HttpMethod.PUT,
            new HttpEntity<>(
                """
                {"email":"%s@shop.test","phone":"%s",
                 "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                             {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
                    .formatted(id, phone),
                headers),
            String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
