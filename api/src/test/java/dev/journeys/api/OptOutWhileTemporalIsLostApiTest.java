package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.webhook.TwilioSignature;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.TestDatabase;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The opt-out paths while Temporal is lost: the 503 says what became of the consent change. A
 * one-click unsubscribe or an API consent change is committed before running journeys are told, so
 * it stands; an SMS STOP commits with its replay mark and is rolled back, so Twilio's retry applies
 * it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OptOutWhileTemporalIsLostApiTest {

  private static final int PORT = freePort();
  private static TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(PORT);

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + PORT);
  }

  @Autowired TestRestTemplate http;
  @Autowired ObjectMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired UnsubscribeLinks links;
  @LocalServerPort int port;

  @BeforeEach
  void sendTheAdminKey() {
    TestApiKeys.authorize(http);
  }

  @AfterAll
  static void close() {
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void the503SaysWhetherTheConsentChangeWasRecorded() throws Exception {
    signUp("uma", "+15553330001");
    signUp("pat", "+15553330002");
    signUp("sam", "+15553330003");
    // connected once, as in production (a first connection on a loaded machine may be slow)
    int connected = signedUp("uma");
    for (int retry = 0; retry < 5 && connected == 503; retry++) {
      connected = signedUp("uma");
    }
    assertThat(connected).isEqualTo(202);
    temporal.close();
    temporal = null;

    URI link = URI.create(links.linkFor("uma", Channel.EMAIL, Topic.MARKETING).orElseThrow());
    var unsubscribed =
        http.postForEntity(
            URI.create("http://127.0.0.1:" + port + link.getRawPath() + "?" + link.getRawQuery()),
            null,
            String.class);
    var patched =
        send(
            HttpMethod.PATCH,
            "/v1/customers/pat/consents",
            "[{\"topic\":\"MARKETING\",\"status\":\"DENIED\"}]");
    var stopped = inboundSms(Map.of("From", "+15553330003", "Body", "STOP"));

    // committed before Temporal was called: in effect, and the answer says so
    assertRecorded(unsubscribed);
    assertThat(status("uma", "EMAIL")).isEqualTo("DENIED");
    assertRecorded(patched);
    assertThat(status("pat", "EMAIL")).isEqualTo("DENIED");
    assertThat(status("pat", "SMS")).isEqualTo("DENIED");
    // committed together with the replay mark: rolled back, and the answer says so
    JsonNode stop = problem(stopped);
    assertThat(stop.get("detail").asText())
        .startsWith("nothing was recorded")
        .contains("rolled back")
        .contains("unavailable");
    assertThat(stop.get("consentRecorded").asBoolean()).isFalse();
    assertThat(status("sam", "SMS")).isEqualTo("GRANTED");
  }

  private void assertRecorded(ResponseEntity<String> response) throws Exception {
    JsonNode problem = problem(response);
    assertThat(problem.get("detail").asText())
        .startsWith("the consent change was recorded and is in effect")
        .contains("unavailable")
        .doesNotContain("not recorded");
    assertThat(problem.get("consentRecorded").asBoolean()).isTrue();
  }

  private JsonNode problem(ResponseEntity<String> response) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
    return json.readTree(response.getBody());
  }

  private String status(String customer, String channel) {
    return jdbc.sql(
            "select status from consent where customer_id = :c and channel = :ch"
                + " and topic = 'MARKETING'")
        .param("c", customer)
        .param("ch", channel)
        .query(String.class)
        .single();
  }

  private void signUp(String customer, String phone) {
    var created =
        send(
            HttpMethod.PUT,
            "/v1/customers/" + customer,
            """
            {"email":"%s@shop.test","phone":"%s",
             "consents":[{"channel":"EMAIL","topic":"MARKETING","status":"GRANTED"},
                         {"channel":"SMS","topic":"MARKETING","status":"GRANTED"}]}"""
                .formatted(customer, phone));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private int signedUp(String customer) {
    return send(
            HttpMethod.POST,
            "/v1/events",
            """
            {"eventId":"signup-%s","customerId":"%s","type":"customer_signed_up",
             "occurredAt":"2026-11-23T10:00:00Z"}"""
                .formatted(customer, customer))
        .getStatusCode()
        .value();
  }

  private ResponseEntity<String> send(HttpMethod method, String path, String body) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> inboundSms(Map<String, String> params) {
    var form = new LinkedMultiValueMap<String, String>();
    params.forEach(form::add);
    String url = "http://localhost:" + port + "/v1/webhooks/sms/inbound";
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.add(
        "X-Twilio-Signature",
        TwilioSignature.sign(
            "test-sms-auth-token-0123456789", // TestSecrets.SMS
            url,
            params.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())))));
    return http.exchange(
        URI.create(url), HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
