package dev.journeys.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.customer.ChannelActivity;
import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.customer.PushToken;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ProviderStub.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP channel adapters through the send activity, against one provider server on loopback that
 * records the real wire format: WhatsApp Cloud API, Messenger and Instagram (Send API), FCM HTTP
 * v1, signed webhooks and Twilio-shaped SMS. Each adapter's test extends this one.
 *
 * <p>Every subclass has the same configuration, so Spring gives them one cached context, one
 * database and this one provider; the customer ids of the tests are therefore unique across them.
 */
@SpringBootTest(classes = ChannelTestApp.class)
public abstract class ChannelAdapterTestSupport {

  /** Lives as long as the test JVM, like the cached context that points at it. */
  protected static final ProviderStub provider = startProvider();

  protected static final String WEBHOOK_SECRET = "whsec-test";

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
    // long enough for a cold first request on a loaded machine; the timeout test's endpoint hangs
    // until the adapter gives up, so this is also how long that test takes
    registry.add("journeys.channels.webhook.timeout", () -> "3s");
  }

  private static ProviderStub startProvider() {
    var stub = new ProviderStub();
    Runtime.getRuntime().addShutdownHook(new Thread(stub::close));
    return stub;
  }

  @Autowired protected SendActivities sends;
  @Autowired protected CustomerProfiles profiles;
  @Autowired protected ChannelActivity activity;
  @Autowired protected MessageLedger ledger;
  protected final ObjectMapper json = new ObjectMapper();

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

  /**
   * Saves a Berlin customer whose first name is the capitalised id, with marketing consent on every
   * channel, a phone number, Messenger and Instagram ids and two push tokens (an old and a new
   * one).
   */
  protected void customer(String id) {
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

  /** The abandoned cart's last call on a channel and topic. */
  protected static SendRequest request(String customer, String key, Channel channel, Topic topic) {
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
