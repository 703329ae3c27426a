package dev.journeys.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.customer.ChannelActivity;
import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.customer.PushToken;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.signature.WebhookSignature;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.ProviderStub;
import dev.journeys.testsupport.ProviderStub.Answer;
import dev.journeys.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every HTTP channel adapter through the send activity, against one provider server on loopback
 * that checks the real wire format: WhatsApp Cloud API, Messenger and Instagram (Send API), FCM
 * HTTP v1, signed webhooks, and the Twilio-shaped SMS error classification.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class ChannelAdaptersTest {

  static final ProviderStub provider = new ProviderStub();
  static final String WEBHOOK_SECRET = "whsec-test";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    String base = provider.baseUrl().toString();
    registry.add("journeys.channels.email.from", () -> "Shop <shop@journeys.test>");
    registry.add("journeys.channels.email.message-id-domain", () -> "journeys.test");
    registry.add("journeys.channels.sms.base-url", () -> base);
    registry.add("journeys.channels.sms.account-sid", () -> "AC123");
    registry.add("journeys.channels.sms.auth-token", () -> "sms-token");
    registry.add("journeys.channels.sms.from", () -> "+15550000000");
    registry.add("journeys.channels.whatsapp.base-url", () -> base);
    registry.add("journeys.channels.whatsapp.phone-number-id", () -> "106540352242922");
    registry.add("journeys.channels.whatsapp.access-token", () -> "wa-token");
    registry.add("journeys.channels.messenger.base-url", () -> base);
    registry.add("journeys.channels.messenger.page-access-token", () -> "page-token");
    registry.add("journeys.channels.messenger.message-tag", () -> "POST_PURCHASE_UPDATE");
    registry.add("journeys.channels.instagram.base-url", () -> base);
    registry.add("journeys.channels.instagram.page-access-token", () -> "ig-token");
    registry.add("journeys.channels.push.base-url", () -> base);
    registry.add("journeys.channels.push.project-id", () -> "shop-app");
    registry.add("journeys.channels.push.access-token", () -> "fcm-token");
    registry.add("journeys.channels.webhook.url", () -> base + "/hooks/journeys");
    registry.add("journeys.channels.webhook.secret", () -> WEBHOOK_SECRET);
    registry.add("journeys.channels.webhook.timeout", () -> "1s");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;
  @Autowired ChannelActivity activity;
  @Autowired MessageLedger ledger;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void providerAcceptsEverything() {
    provider.clear();
    provider.answer(
        request -> {
          String path = request.path();
          if (path.endsWith("/Messages.json")) {
            return Answer.json(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}");
          }
          if (path.endsWith("/me/messages")) {
            return Answer.json(200, "{\"recipient_id\":\"x\",\"message_id\":\"m_1\"}");
          }
          if (path.endsWith("/messages")) {
            return Answer.json(
                200,
                "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\","
                    + "\"wa_id\":\"x\"}],\"messages\":[{\"id\":\"wamid.HBgL1\"}]}");
          }
          if (path.endsWith("messages:send")) {
            return Answer.json(200, "{\"name\":\"projects/shop-app/messages/0:1500\"}");
          }
          return Answer.json(202, "");
        });
  }

  // --- WhatsApp ---------------------------------------------------------------------------------

  @Test
  void whatsAppSendsFreeTextWithinTheServiceWindow() throws Exception {
    customer("wa1");
    activity.recordInbound("wa1", Channel.WHATSAPP, Instant.now().minus(Duration.ofHours(2)));

    var outcome = sends.send(request("wa1", "k-wa1", Channel.WHATSAPP, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(Channel.WHATSAPP, "wamid.HBgL1"));
    var call = provider.last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/v21.0/106540352242922/messages");
    assertThat(call.headers()).containsEntry("authorization", "Bearer wa-token");
    assertThat(call.headers().get("content-type")).startsWith("application/json");
    JsonNode body = json.readTree(call.body());
    assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(body.path("to").asText()).isEqualTo("15551230001");
    assertThat(body.path("type").asText()).isEqualTo("text");
    assertThat(body.path("text").path("body").asText())
        .isEqualTo("Wa1, last call: your cart (59.90) is waiting.");
  }

  @Test
  void whatsAppSendsTheApprovedTemplateOutsideTheWindow() throws Exception {
    customer("wa2");
    activity.recordInbound("wa2", Channel.WHATSAPP, Instant.now().minus(Duration.ofHours(25)));

    var outcome = sends.send(request("wa2", "k-wa2", Channel.WHATSAPP, Topic.MARKETING));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    JsonNode body = json.readTree(provider.last().body());
    assertThat(body.path("type").asText()).isEqualTo("template");
    assertThat(body.path("template").path("name").asText()).isEqualTo("cart_last_call");
    assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("en");
    JsonNode parameters = body.path("template").path("components").path(0).path("parameters");
    assertThat(parameters.findValuesAsText("text")).containsExactly("Wa2", "59.90");
  }

  @Test
  void whatsAppWithoutAnApprovedTemplateFailsOutsideTheWindowWithoutCallingTheProvider() {
    customer("wa3");

    var outcome =
        sends.send(
            new SendRequest(
                "k-wa3",
                "wa3",
                "test",
                "s",
                Channel.WHATSAPP,
                Topic.MARKETING,
                "cart-reminder-wa-free",
                Map.of()));

    // no template at all for this key: a template error; the provider is never called
    assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
    assertThat(provider.received()).isEmpty();
  }

  @Test
  void whatsAppRejectingTheTemplateIsPermanent() {
    customer("wa4");
    provider.answer(
        r ->
            Answer.json(
                400,
                "{\"error\":{\"message\":\"(#132001) Template name does not"
                    + " exist in the translation\",\"type\":\"OAuthException\",\"code\":132001}}"));

    var outcome = sends.send(request("wa4", "k-wa4", Channel.WHATSAPP, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.WHATSAPP, "bad_template"));
    assertThat(ledger.find("k-wa4").orElseThrow().status()).isEqualTo(LedgerStatus.FAILED);
  }

  @Test
  void whatsAppRateLimitIsRetriedAfterRetryAfter() {
    customer("wa5");
    provider.answer(
        r -> Answer.json(429, "{\"error\":{\"code\":130429}}").withHeader("Retry-After", "30"));

    assertThatThrownBy(() -> sends.send(request("wa5", "k-wa5", Channel.WHATSAPP, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(ProviderHttp.RATE_LIMITED);
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
            });
    assertThat(ledger.find("k-wa5").orElseThrow().status()).isEqualTo(LedgerStatus.PENDING);
  }

  @Test
  void whatsAppThrottlingReportedInTheBodyIsRetried() {
    customer("wa6");
    provider.answer(
        r -> Answer.json(400, "{\"error\":{\"message\":\"Spam rate limit hit\",\"code\":131048}}"));

    assertThatThrownBy(() -> sends.send(request("wa6", "k-wa6", Channel.WHATSAPP, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse());
  }

  @Test
  void aServerErrorIsRetried() {
    customer("wa7");
    provider.answer(r -> Answer.json(503, "{}"));

    assertThatThrownBy(() -> sends.send(request("wa7", "k-wa7", Channel.WHATSAPP, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(ProviderHttp.RETRYABLE);
            });
  }

  // --- Messenger and Instagram -----------------------------------------------------------------

  @Test
  void messengerRespondsWithinTheWindow() throws Exception {
    customer("fb1");
    activity.recordInbound("fb1", Channel.MESSENGER, Instant.now().minus(Duration.ofMinutes(5)));

    var outcome = sends.send(request("fb1", "k-fb1", Channel.MESSENGER, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(Channel.MESSENGER, "m_1"));
    var call = provider.last();
    assertThat(call.path()).isEqualTo("/v21.0/me/messages");
    assertThat(call.headers()).containsEntry("authorization", "Bearer page-token");
    JsonNode body = json.readTree(call.body());
    assertThat(body.path("recipient").path("id").asText()).isEqualTo("psid-fb1");
    assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
    assertThat(body.path("message").path("text").asText()).contains("your cart (59.90)");
  }

  @Test
  void messengerUsesTheMessageTagForTransactionalMessagesOutsideTheWindow() throws Exception {
    customer("fb2");

    sends.send(request("fb2", "k-fb2", Channel.MESSENGER, Topic.TRANSACTIONAL));

    JsonNode body = json.readTree(provider.last().body());
    assertThat(body.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
    assertThat(body.path("tag").asText()).isEqualTo("POST_PURCHASE_UPDATE");
  }

  @Test
  void marketingOutsideTheWindowFailsForGoodOnInstagram() {
    customer("ig1");

    var outcome = sends.send(request("ig1", "k-ig1", Channel.INSTAGRAM, Topic.MARKETING));

    assertThat(outcome)
        .isEqualTo(new SendOutcome.Failed(Channel.INSTAGRAM, "outside_service_window"));
    assertThat(provider.received()).isEmpty();
  }

  @Test
  void instagramSendsToTheInstagramScopedId() throws Exception {
    customer("ig2");
    activity.recordInbound("ig2", Channel.INSTAGRAM, Instant.now().minus(Duration.ofHours(1)));

    var outcome = sends.send(request("ig2", "k-ig2", Channel.INSTAGRAM, Topic.MARKETING));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    assertThat(provider.last().headers()).containsEntry("authorization", "Bearer ig-token");
    assertThat(json.readTree(provider.last().body()).path("recipient").path("id").asText())
        .isEqualTo("igsid-ig2");
  }

  // --- Push (FCM HTTP v1) ----------------------------------------------------------------------

  @Test
  void pushGoesToTheNewestDeviceTokenInFcmV1Format() throws Exception {
    customer("p1");

    var outcome = sends.send(request("p1", "k-p1", Channel.PUSH, Topic.MARKETING));

    assertThat(outcome)
        .isEqualTo(new SendOutcome.Sent(Channel.PUSH, "projects/shop-app/messages/0:1500"));
    var call = provider.last();
    assertThat(call.path()).isEqualTo("/v1/projects/shop-app/messages:send");
    assertThat(call.headers()).containsEntry("authorization", "Bearer fcm-token");
    JsonNode message = json.readTree(call.body()).path("message");
    assertThat(message.path("token").asText()).isEqualTo("token-p1-new");
    assertThat(message.path("notification").path("title").asText())
        .isEqualTo("Your cart is waiting");
    assertThat(message.path("notification").path("body").asText()).contains("your cart (59.90)");
    assertThat(message.path("data").path("journeys_message_id").asText()).isEqualTo("k-p1");
  }

  @Test
  void anUnregisteredTokenIsRemovedFromTheProfileAndTheSendFails() {
    customer("p2");
    provider.answer(
        r ->
            Answer.json(
                404,
                """
        {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
          "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
                      "errorCode":"UNREGISTERED"}]}}"""));

    var outcome = sends.send(request("p2", "k-p2", Channel.PUSH, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.PUSH, "unregistered_token"));
    var tokens = profiles.find("p2").orElseThrow().pushTokens();
    assertThat(tokens).extracting(PushToken::token).containsExactly("token-p2-old");
  }

  @Test
  void pushQuotaExceededWaitsUntilTheRetryAfterDate() {
    customer("p3");
    String in2Minutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
    provider.answer(
        r ->
            Answer.json(429, "{\"error\":{\"status\":\"RESOURCE_EXHAUSTED\"}}")
                .withHeader("Retry-After", in2Minutes));

    assertThatThrownBy(() -> sends.send(request("p3", "k-p3", Channel.PUSH, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getNextRetryDelay())
                    .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(121)));
  }

  // --- Webhook ---------------------------------------------------------------------------------

  @Test
  void aWebhookPostIsSignedAndVerifiable() throws Exception {
    customer("h1");

    var outcome = sends.send(request("h1", "k-h1", Channel.WEBHOOK, Topic.TRANSACTIONAL));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(Channel.WEBHOOK, "k-h1"));
    var call = provider.last();
    assertThat(call.path()).isEqualTo("/hooks/journeys");
    assertThat(call.headers()).containsEntry("idempotency-key", "k-h1");
    String timestamp = call.headers().get("x-journeys-timestamp");
    String signature = call.headers().get("x-journeys-signature");
    assertThat(signature).startsWith("v1=");
    var verifier = new WebhookSignature(WEBHOOK_SECRET);
    assertThat(verifier.isValid(timestamp, signature, call.body(), Instant.now())).isTrue();
    assertThat(verifier.isValid(timestamp, signature, call.body() + " ", Instant.now())).isFalse();
    JsonNode body = json.readTree(call.body());
    assertThat(body.path("customerId").asText()).isEqualTo("h1");
    assertThat(body.path("text").asText()).contains("your cart (59.90)");
  }

  @Test
  void aWebhookRefusalIsPermanentAndAnOutageIsRetried() {
    customer("h2");
    provider.answer(r -> Answer.json(410, "gone"));
    var refused = sends.send(request("h2", "k-h2", Channel.WEBHOOK, Topic.TRANSACTIONAL));
    provider.answer(r -> Answer.json(500, "oops"));

    assertThat(refused).isEqualTo(new SendOutcome.Failed(Channel.WEBHOOK, "endpoint_rejected"));
    assertThatThrownBy(
            () -> sends.send(request("h2", "k-h2b", Channel.WEBHOOK, Topic.TRANSACTIONAL)))
        .isInstanceOf(ApplicationFailure.class);
  }

  @Test
  void aTimeoutIsRetried() {
    customer("h3");
    provider.answer(
        r -> {
          try {
            Thread.sleep(1_500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Answer.json(200, "{}");
        });

    assertThatThrownBy(
            () -> sends.send(request("h3", "k-h3", Channel.WEBHOOK, Topic.TRANSACTIONAL)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(ProviderHttp.RETRYABLE);
            });
    assertThat(ledger.find("k-h3").orElseThrow().status()).isEqualTo(LedgerStatus.PENDING);
  }

  // --- SMS error classification ----------------------------------------------------------------

  @Test
  void smsRateLimitHonoursRetryAfterAndUnsubscribedIsPermanent() throws Exception {
    customer("s1");
    provider.answer(
        r ->
            Answer.json(429, "{\"code\":20429,\"message\":\"Too Many Requests\"}")
                .withHeader("Retry-After", "7"));
    assertThatThrownBy(() -> sends.send(request("s1", "k-s1", Channel.SMS, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7)));

    provider.answer(
        r ->
            Answer.json(
                400, "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\"}"));
    var outcome = sends.send(request("s1", "k-s1", Channel.SMS, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.SMS, "unsubscribed"));
    var form =
        Arrays.stream(provider.last().body().split("&"))
            .map(p -> p.split("=", 2))
            .collect(
                Collectors.toMap(
                    p -> p[0],
                    p ->
                        java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(form).containsEntry("To", "+15551230001");
    assertThat(ledger.find("k-s1").orElseThrow().attempts()).isEqualTo(2);
  }

  private void customer(String id) {
    Set<Consent> consents =
        Arrays.stream(Channel.values())
            .map(c -> new Consent(c, Topic.MARKETING, ConsentStatus.GRANTED, null, null))
            .collect(Collectors.toSet());
    String name = Character.toUpperCase(id.charAt(0)) + id.substring(1);
    profiles.save(
        new Customer(
                id, id + "@shop.test", "+15551230001", "Europe/Berlin", "en", name, consents, null)
            .withMessagingAddresses(
                null,
                "psid-" + id,
                "igsid-" + id,
                Set.of(
                    new PushToken("token-" + id + "-old", Instant.now().minus(Duration.ofDays(30))),
                    new PushToken("token-" + id + "-new", null))),
        "test");
  }

  private static SendRequest request(String customer, String key, Channel channel, Topic topic) {
    return new SendRequest(
        key,
        customer,
        "abandoned-cart",
        "cart-last-call",
        channel,
        topic,
        "cart-last-call",
        Map.of("cartTotal", "59.90"));
  }
}
