package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.signature.WebhookSignature;
import dev.journeys.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Providers' status callbacks: verified, recorded in the ledger, fed to suppression and journeys.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=journeys-api",
      "spring.temporal.test-server.enabled=true",
      TestApiKeys.PROPERTY,
      TestSecrets.UNSUBSCRIBE,
      TestSecrets.SMS,
      "journeys.webhooks.twilio.auth-token=twilio-secret-0123456789",
      "journeys.webhooks.meta.app-secret=meta-secret-0123456789",
      "journeys.webhooks.meta.verify-token=verify-me",
      "journeys.webhooks.email.secret=email-secret-0123456789"
    })
class ReceiptWebhookApiTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;

  @BeforeEach
  void sendTheAdminKey() {
    TestApiKeys.authorize(http);
  }

  @Autowired JdbcClient jdbc;
  @Autowired WorkflowClient temporal;
  @Autowired ObjectMapper json;
  @LocalServerPort int port;

  @Test
  void aSignedTwilioReceiptMarksTheSmsDeliveredAndSignalsTheJourney() throws Exception {
    startJourney("tia");
    String key = "journey/abandoned-cart/tia/run-1/cart-last-call/sms";
    sent(key, "tia", "SMS", "+15551234567", "SM111");
    String body = "AccountSid=AC1&MessageSid=SM111&MessageStatus=delivered&To=%2B15551234567";

    var response = post("twilio", body, MediaType.APPLICATION_FORM_URLENCODED, twilioHeaders(body));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deliveryStatus(key)).isEqualTo("DELIVERED");
    List<String> signals = WorkflowHistories.signalInputs(temporal, "journey/abandoned-cart/tia");
    assertThat(signals).hasSize(2);
    assertThat(signals.get(1)).contains("message_delivered").contains("SM111").contains(key);
  }

  @Test
  void aRepeatedReceiptStillSignalsTheJourneyWhenAnEarlierAttemptOnlyUpdatedTheLedger() {
    startJourney("ted");
    String key = "journey/abandoned-cart/ted/run-1/cart-last-call/sms";
    sent(key, "ted", "SMS", "+15551234599", "SM999");
    // an earlier callback recorded the receipt, then failed before the journey was signalled
    jdbc.sql(
            "update message_ledger set delivery_status = 'DELIVERED',"
                + " delivery_updated_at = now() where idempotency_key = :key")
        .param("key", key)
        .update();
    String body = "AccountSid=AC1&MessageSid=SM999&MessageStatus=delivered&To=%2B15551234599";

    var retried = post("twilio", body, MediaType.APPLICATION_FORM_URLENCODED, twilioHeaders(body));
    var again = post("twilio", body, MediaType.APPLICATION_FORM_URLENCODED, twilioHeaders(body));

    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> signals = WorkflowHistories.signalInputs(temporal, "journey/abandoned-cart/ted");
    assertThat(signals).hasSize(3);
    // the same event id both times: the journey takes it once
    assertThat(signals.get(1))
        .contains("message_delivered")
        .contains("delivery/" + key + "/delivered");
    assertThat(signals.get(2)).contains("delivery/" + key + "/delivered");
  }

  @Test
  void aReceiptReachesOnlyItsOwnProvidersMessage() throws Exception {
    // two providers happened to use the same id; the email is the newer message
    String sms = "k-shared-sms";
    String email = "k-shared-email";
    sent(sms, "sam", "SMS", "+15551234569", "SHARED-1");
    Thread.sleep(5);
    sent(email, "sam", "EMAIL", "sam@shop.test", "SHARED-1");
    sent("k-only-email", "sam", "EMAIL", "sam@shop.test", "EMAIL-ONLY-1");
    String body = "MessageSid=SHARED-1&MessageStatus=undelivered&ErrorCode=30005";
    String foreign = "MessageSid=EMAIL-ONLY-1&MessageStatus=delivered";

    var response = post("twilio", body, MediaType.APPLICATION_FORM_URLENCODED, twilioHeaders(body));
    var other =
        post("twilio", foreign, MediaType.APPLICATION_FORM_URLENCODED, twilioHeaders(foreign));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deliveryStatus(sms)).isEqualTo("FAILED");
    assertThat(deliveryStatus(email)).isNull();
    assertThat(json.readTree(other.getBody()).get("updated").asInt()).isZero();
    assertThat(deliveryStatus("k-only-email")).isNull();
  }

  @Test
  void rejectsATwilioReceiptWithABadSignature() {
    String key = "k-twilio-forged";
    sent(key, "tom", "SMS", "+15551234568", "SM222");
    String body = "MessageSid=SM222&MessageStatus=delivered";
    var headers = new HttpHeaders();
    headers.add("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");

    var response = post("twilio", body, MediaType.APPLICATION_FORM_URLENCODED, headers);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(deliveryStatus(key)).isNull();
  }

  @Test
  void aWhatsAppFailureIsRecordedAndAnInboundMessageOpensTheServiceWindow() {
    jdbc.sql("insert into customer (id, phone, version) values ('wes', '+15557654321', 0)")
        .update();
    String key = "k-wa-failed";
    sent(key, "wes", "WHATSAPP", "+15557654321", "wamid.ABC");
    String body =
        """
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
          "value":{"messaging_product":"whatsapp",
            "statuses":[{"id":"wamid.ABC","status":"failed","timestamp":"1795000000",
                         "recipient_id":"15557654321","errors":[{"code":131026,"title":"Undeliverable"}]}],
            "messages":[{"from":"15557654321","id":"wamid.IN","timestamp":"1795000100",
                         "type":"text","text":{"body":"hi"}}]}}]}]}""";
    var headers = new HttpHeaders();
    headers.add(
        "X-Hub-Signature-256",
        "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", "meta-secret-0123456789", body)));

    var response = post("meta", body, MediaType.APPLICATION_JSON, headers);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deliveryStatus(key)).isEqualTo("FAILED");
    assertThat(
            jdbc.sql(
                    "select last_inbound_at from customer_channel_activity where customer_id = 'wes' and channel = 'WHATSAPP'")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant())
        .isEqualTo(Instant.ofEpochSecond(1795000100));
  }

  @Test
  void rejectsAMetaCallbackSignedWithAnotherSecret() {
    String body = "{\"object\":\"page\",\"entry\":[]}";
    var headers = new HttpHeaders();
    headers.add(
        "X-Hub-Signature-256",
        "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", "other", body)));

    assertThat(post("meta", body, MediaType.APPLICATION_JSON, headers).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void answersMetasSubscriptionChallengeOnlyWithTheVerifyToken() {
    var ok =
        http.getForEntity(
            "/v1/webhooks/meta/status?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=42",
            String.class);
    var wrong =
        http.getForEntity(
            "/v1/webhooks/meta/status?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42",
            String.class);

    assertThat(ok.getBody()).isEqualTo("42");
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void aHardBounceIsRecordedAndSuppressesTheAddress() {
    String key = "k-email-bounce";
    sent(key, "bo", "EMAIL", "bo@nowhere.test", "<abc@journeys.test>");
    String body =
        """
        {"messageId":"abc@journeys.test","event":"bounce","bounceType":"Permanent",
         "occurredAt":"2026-11-23T10:00:00Z"}""";

    var response =
        post("email", body, MediaType.APPLICATION_JSON, emailHeaders(body, Instant.now()));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deliveryStatus(key)).isEqualTo("BOUNCED");
    assertThat(
            jdbc.sql(
                    "select reason from address_suppression_event where channel = 'EMAIL' and address = 'bo@nowhere.test'")
                .query(String.class)
                .list())
        .containsExactly("hard_bounce");
    // and the next send to that address is stopped by the suppression list
    assertThat(
            jdbc.sql(
                    "select reason from suppressed_address where channel = 'EMAIL' and address = 'bo@nowhere.test'")
                .query(String.class)
                .list())
        .containsExactly("hard_bounce");
  }

  @Test
  void aReplayedEmailCallbackIsRejected() {
    String key = "k-email-replay";
    sent(key, "rex", "EMAIL", "rex@shop.test", "<replay@journeys.test>");
    String body = "{\"messageId\":\"<replay@journeys.test>\",\"event\":\"complaint\"}";

    var response =
        post(
            "email",
            body,
            MediaType.APPLICATION_JSON,
            emailHeaders(body, Instant.now().minusSeconds(600)));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(deliveryStatus(key)).isNull();
  }

  @Test
  void aReadReceiptOvertakesDeliveredButNotTheOtherWayRound() {
    String key = "k-wa-read";
    sent(key, "rea", "WHATSAPP", "+15550009999", "wamid.READ");

    metaStatus("wamid.READ", "read");
    metaStatus("wamid.READ", "delivered");

    assertThat(deliveryStatus(key)).isEqualTo("READ");
  }

  @Test
  void anUnknownProviderIsNotFound() {
    assertThat(post("pigeon", "{}", MediaType.APPLICATION_JSON, new HttpHeaders()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  private void metaStatus(String id, String status) {
    String body =
        """
        {"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[
          {"id":"%s","status":"%s","timestamp":"1795000000"}]}}]}]}"""
            .formatted(id, status);
    var headers = new HttpHeaders();
    headers.add(
        "X-Hub-Signature-256",
        "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", "meta-secret-0123456789", body)));
    assertThat(post("meta", body, MediaType.APPLICATION_JSON, headers).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  private HttpHeaders twilioHeaders(String body) {
    var params = new java.util.TreeMap<String, String>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    StringBuilder data =
        new StringBuilder("http://localhost:" + port + "/v1/webhooks/twilio/status");
    params.forEach((k, v) -> data.append(k).append(v));
    var headers = new HttpHeaders();
    headers.add(
        "X-Twilio-Signature",
        Base64.getEncoder()
            .encodeToString(hmac("HmacSHA1", "twilio-secret-0123456789", data.toString())));
    return headers;
  }

  private static HttpHeaders emailHeaders(String body, Instant at) {
    var signature = new WebhookSignature("email-secret-0123456789");
    var headers = new HttpHeaders();
    headers.add(WebhookSignature.TIMESTAMP_HEADER, Long.toString(at.getEpochSecond()));
    headers.add(WebhookSignature.SIGNATURE_HEADER, signature.sign(at.getEpochSecond(), body));
    return headers;
  }

  private ResponseEntity<String> post(
      String provider, String body, MediaType type, HttpHeaders headers) {
    headers.setContentType(type);
    return http.exchange(
        "/v1/webhooks/" + provider + "/status",
        HttpMethod.POST,
        new HttpEntity<>(body, headers),
        String.class);
  }

  private void startJourney(String customer) {
    var headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String event =
        """
        {"eventId":"cart-%s","customerId":"%s","type":"cart_abandoned","occurredAt":"2026-11-23T10:00:00Z",
         "properties":{"cartTotal":"59.90"}}"""
            .formatted(customer, customer);
    assertThat(
            http.exchange(
                    "/v1/events", HttpMethod.POST, new HttpEntity<>(event, headers), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);
  }

  private void sent(
      String key, String customer, String channel, String recipient, String providerId) {
    jdbc.sql(
            """
            insert into message_ledger (idempotency_key, customer_id, journey, step, channel, topic,
                message_key, status, recipient, provider_message_id)
            values (:key, :customer, 'abandoned-cart', 'cart-last-call', :channel, 'MARKETING',
                'cart-last-call', 'SENT', :recipient, :providerId)""")
        .param("key", key)
        .param("customer", customer)
        .param("channel", channel)
        .param("recipient", recipient)
        .param("providerId", providerId)
        .update();
  }

  private String deliveryStatus(String key) {
    return jdbc.sql("select delivery_status from message_ledger where idempotency_key = :key")
        .param("key", key)
        .query((rs, row) -> rs.getString(1))
        .list()
        .getFirst();
  }

  private static byte[] hmac(String algorithm, String secret, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
