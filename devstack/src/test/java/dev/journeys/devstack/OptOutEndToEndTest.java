package dev.journeys.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.webhook.TwilioSignature;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An opt-out that arrives between two steps of a running journey stops the next message, and the
 * ledger says why; on the real Temporal dev server, PostgreSQL, SMTP and SMS sinks, driven over
 * HTTP only.
 */
class OptOutEndToEndTest {

  private static final Duration REMINDER_DELAY = Duration.ofSeconds(2);
  // long enough to opt out after the reminder arrives and before the last call is decided
  private static final Duration LAST_CALL_DELAY = Duration.ofSeconds(6);

  private static final String SMS_AUTH_TOKEN = "e2e-sms-auth-token";
  private static final String UNSUBSCRIBE_SECRET = "e2e-unsubscribe-secret";

  private static RunningStack stack;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheSystem() {
    stack =
        RunningStack.start(
            api -> {
              api.put("journeys.webhooks.sms.auth-token", SMS_AUTH_TOKEN);
              api.put("journeys.unsubscribe.secret", UNSUBSCRIBE_SECRET);
            },
            (worker, apiUrl) -> {
              worker.put("journeys.abandoned-cart.reminder-delay", REMINDER_DELAY.toString());
              worker.put("journeys.abandoned-cart.last-call-delay", LAST_CALL_DELAY.toString());
              // the journey listens for an order this long after its last call before completing
              worker.put("journeys.abandoned-cart.attribution-window", "PT2S");
              worker.put("journeys.unsubscribe.base-url", apiUrl.toString());
              worker.put("journeys.unsubscribe.secret", UNSUBSCRIBE_SECRET);
            });
  }

  @AfterAll
  static void stopTheSystem() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anOptOutBetweenTwoStepsSuppressesTheLastCallAndTheLedgerSaysWhy() throws Exception {
    stack.putCustomer("olive", "olive@shop.test", "+15559876543");
    assertThat(stack.postEvent("e2e-olive-cart", "olive", "cart_abandoned").statusCode())
        .isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> stack.mailTo("olive@shop.test"), mails -> !mails.isEmpty());
    var optOut =
        stack.patch(
            "/v1/customers/olive/consents",
            """
            [{"channel":"SMS","topic":"MARKETING","status":"DENIED"},
             {"channel":"EMAIL","topic":"MARKETING","status":"DENIED"}]""");
    assertThat(optOut.statusCode()).as(optOut.body()).isEqualTo(200);

    stack.awaitCompleted("journey/abandoned-cart/olive", Duration.ofSeconds(60));

    assertThat(stack.mailTo("olive@shop.test")).hasSize(1);
    assertThat(stack.smsTo("+15559876543")).isEmpty();
    JsonNode timeline = json.readTree(stack.get("/v1/customers/olive/messages").body());
    assertThat(timeline)
        .extracting(
            e ->
                e.get("messageKey").asText()
                    + " "
                    + e.get("channel").asText()
                    + " "
                    + e.get("status").asText()
                    + (e.has("reason") ? " " + e.get("reason").asText() : ""))
        .containsExactlyInAnyOrder(
            "cart-reminder EMAIL SENT",
            "cart-last-call SMS SUPPRESSED opted_out",
            "cart-last-call EMAIL SUPPRESSED opted_out");
    JsonNode history = json.readTree(stack.get("/v1/customers/olive/consents/history").body());
    assertThat(history.findValuesAsText("status")).containsSubsequence("GRANTED", "DENIED");
  }

  @Test
  void aOneClickUnsubscribeAndAnSmsStopFromTheCustomerStopTheLastCall() throws Exception {
    stack.putCustomer("una", "una@shop.test", "+15559870001");
    assertThat(stack.postEvent("e2e-una-cart", "una", "cart_abandoned").statusCode())
        .isEqualTo(202);

    MimeMessage reminder =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> stack.mailTo("una@shop.test"), mails -> !mails.isEmpty())
            .getFirst();
    assertThat(reminder.getHeader("List-Unsubscribe-Post", null))
        .isEqualTo("List-Unsubscribe=One-Click");
    String link = reminder.getHeader("List-Unsubscribe", null).replaceAll("^<|>$", "");
    assertThat(link).startsWith(stack.apiUrl() + "/v1/unsubscribe?token=");

    // the mailbox provider's one-click button (RFC 8058)
    var unsubscribed = stack.postForm(link, "List-Unsubscribe=One-Click");
    assertThat(unsubscribed.statusCode()).as(unsubscribed.body()).isEqualTo(200);
    // the customer texts STOP; the SMS provider calls our webhook, signed with the auth token
    var webhookUrl = stack.apiUrl() + "/v1/webhooks/sms/inbound";
    var form = Map.of("From", "+15559870001", "To", StackProperties.SMS_FROM, "Body", "STOP");
    var stop =
        stack.postForm(
            webhookUrl,
            "From=%2B15559870001&To="
                + URLEncoder.encode(StackProperties.SMS_FROM, StandardCharsets.UTF_8)
                + "&Body=STOP",
            "X-Twilio-Signature",
            TwilioSignature.sign(
                SMS_AUTH_TOKEN,
                webhookUrl,
                form.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())))));
    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);

    stack.awaitCompleted("journey/abandoned-cart/una", Duration.ofSeconds(60));
    assertThat(stack.mailTo("una@shop.test")).hasSize(1);
    assertThat(stack.smsTo("+15559870001")).isEmpty();
    JsonNode timeline = json.readTree(stack.get("/v1/customers/una/messages").body());
    assertThat(timeline.findValuesAsText("reason")).containsOnly("opted_out").hasSize(2);
    JsonNode history = json.readTree(stack.get("/v1/customers/una/consents/history").body());
    assertThat(history.findValuesAsText("source")).contains("unsubscribe-link", "sms-keyword");
  }
}
